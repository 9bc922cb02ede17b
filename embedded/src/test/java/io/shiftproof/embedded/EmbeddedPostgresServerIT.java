package io.shiftproof.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

  @TempDir Path tempDir;
  Path dataDir;

  @BeforeEach
  void openTempDirToTheServerAccount() throws IOException {
    // JUnit creates its temp directory 0700; a root JVM runs PostgreSQL as nobody, which must
    // be able to traverse it.
    Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
    dataDir = tempDir.resolve("postgres");
  }

  @Test
  void committedRowsSurviveARestartOnTheSameDataDir() throws Exception {
    int firstPort;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
      firstPort = server.port();
      assertThat(server.jdbcUrl())
          .isEqualTo("jdbc:postgresql://127.0.0.1:" + firstPort + "/shiftproof");
      execute(server, "CREATE TABLE day_record (worker text, minutes int)");
      execute(server, "INSERT INTO day_record VALUES ('w-1', 420), ('w-2', 75)");
    }

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
      assertThat(server.port()).isEqualTo(firstPort);
      assertThat(query(server, "SELECT worker || ':' || minutes FROM day_record ORDER BY worker"))
          .containsExactly("w-1:420", "w-2:75");
    }
  }

  @Test
  void serverLeftRunningByAKilledJvmIsStoppedAndItsDataKept() throws Exception {
    try (ChildJvm child = ChildJvm.run(ServerInChildJvm.POSTGRES, dataDir)) {
      child.awaitReadyThenKill();
    }
    Optional<ProcessHandle> orphan =
        PostmasterPidFile.read(dataDir.resolve("pgdata"))
            .flatMap(PostmasterPidFile::livePostmaster);
    assertThat(orphan).as("postmaster outliving its JVM").isPresent();

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
      assertThat(orphan.get().isAlive()).isFalse();
      assertThat(query(server, "SELECT worker FROM shift")).containsExactly("before-the-crash");
    }
  }

  @Test
  void terminatedJvmStopsItsServerOnTheWayOut() throws Exception {
    try (ChildJvm child = ChildJvm.run(ServerInChildJvm.POSTGRES, dataDir)) {
      child.awaitReadyThenTerminate();
    }

    assertThat(PostmasterPidFile.read(dataDir.resolve("pgdata"))).isEmpty();
  }

  @Test
  void secondServerOnALockedDataDirIsRefused() {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0))
          .isInstanceOfSatisfying(
              EmbeddedServerException.class,
              e -> assertThat(e.code()).isEqualTo(EmbeddedServerException.Code.DATA_DIR_IN_USE));
    }
  }

  @Test
  void rootJvmNamesTheDirectoryTheServerAccountCannotTraverse() throws IOException {
    Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "only a root JVM switches account");
    Path closed = tempDir.resolve("closed");
    Files.createDirectory(closed);
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(() -> EmbeddedPostgresServer.start(closed.resolve("postgres"), 0))
        .isInstanceOfSatisfying(
            EmbeddedServerException.class,
            e ->
                assertThat(e.code())
                    .isEqualTo(EmbeddedServerException.Code.DATA_DIR_NOT_ACCESSIBLE))
        .hasMessageContaining("cannot traverse " + closed);
  }

  private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
    try (Connection connection = connect(server);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> query(EmbeddedPostgresServer server, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = connect(server);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
  }
}
