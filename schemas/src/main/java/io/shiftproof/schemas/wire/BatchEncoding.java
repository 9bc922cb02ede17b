package io.shiftproof.schemas.wire;

/** How a batch body is encoded, as its request's content type says and as it is stored. */
public enum BatchEncoding {
  JSON("application/json"),
  AVRO("application/avro");

  private final String mediaType;

  BatchEncoding(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type, as stored in {@code platform_batch.content_type}. */
  public String mediaType() {
    return mediaType;
  }

  /** The encoding {@link #mediaType()} names. */
  public static BatchEncoding ofMediaType(String mediaType) {
    for (BatchEncoding e : values()) {
      if (e.mediaType.equals(mediaType)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "mediaType: got " + mediaType + ", want application/json or application/avro");
  }

  /**
   * The encoding of {@code body} by its first bytes: an Avro single-object body starts with {@code
   * C3 01}, which no UTF-8 JSON text can; anything else is taken for JSON.
   */
  public static BatchEncoding sniff(byte[] body) {
    return body.length >= 2 && body[0] == (byte) 0xC3 && body[1] == 0x01 ? AVRO : JSON;
  }
}
