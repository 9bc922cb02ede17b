package io.shiftproof.records;

import java.util.Optional;

/** Which late events an operator asks for: of one worker, one platform, both, or all. */
public record LateEventFilter(Optional<String> workerRef, Optional<String> platform) {}
