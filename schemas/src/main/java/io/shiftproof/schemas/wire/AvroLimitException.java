package io.shiftproof.schemas.wire;

import java.io.IOException;

/**
 * A limit of {@link BoundedBinaryDecoder} was hit. An {@link IOException} so that it passes
 * unchanged through Avro's datum readers, which declare only that.
 */
final class AvroLimitException extends IOException {
  private static final long serialVersionUID = 1L;

  final ErrorCode code;

  AvroLimitException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }
}
