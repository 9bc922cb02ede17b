package io.shiftproof.gateway.pseudonyms;

import io.shiftproof.gateway.api.RateLimits;
import io.shiftproof.pseudonyms.Evaluator;

/**
 * One evaluating organisation as the API serves it: who it is, the route its evaluations are asked
 * on, its evaluator (holding its key share and nobody else's) and the platforms' budget with it.
 *
 * @param party the organisation whose key share this is, {@code hub} or {@code regulator}
 * @param path the route of its evaluations
 */
public record EvaluatorEndpoint(
    String party, String path, Evaluator evaluator, RateLimits platformBudget) {}
