package io.shiftproof.records;

/** The record store could not be read; the caller may retry. */
public final class RecordStoreException extends RuntimeException {
  public RecordStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
