package io.shiftproof.ledger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.LedgerException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseFailureTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "08001", // could not connect
        "08006", // connection lost mid-call
        "40001", // serialization failure
        "40P01", // deadlock detected
        "57P01" // server shutting down
      })
  void connectionAndSerializationFailuresAreRetriableUnavailable(String sqlState) {
    LedgerException e = DatabaseFailure.toLedgerException(new SQLException("failed", sqlState));

    assertThat(e.code()).isEqualTo("UNAVAILABLE");
    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage()).contains("failed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "23505", // unique violation
        "23514", // check violation
        "42P01", // undefined table: a migration missing
        "P0001", // raised by a trigger, e.g. the append-only one
        "22P02" // invalid text representation
      })
  void refusalsOfTheCallItselfAreNotRetriableInternal(String sqlState) {
    LedgerException e = DatabaseFailure.toLedgerException(new SQLException("refused", sqlState));

    assertThat(e.code()).isEqualTo("INTERNAL");
    assertThat(e.retriable()).isFalse();
    assertThat(e.getMessage()).contains("refused");
  }

  @Test
  void failureWithoutAStateCameFromTheClientSideAndIsRetriable() {
    assertThat(DatabaseFailure.retriable(new SQLException("connection refused"))).isTrue();
  }

  @Test
  void transientExceptionsAreRetriableWhateverTheirState() {
    assertThat(
            DatabaseFailure.retriable(
                new SQLTransientConnectionException("pool exhausted", "HY000")))
        .isTrue();
  }
}
