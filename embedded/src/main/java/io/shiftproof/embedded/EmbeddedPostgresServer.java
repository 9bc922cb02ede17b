package io.shiftproof.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server (the binaries zonky ships on Maven Central) run as a child process on a
 * persistent data directory, listening on 127.0.0.1 only, with a database {@value #DATABASE} owned
 * by the password-authenticated user {@value #USER}. The hub connects as another role, {@value
 * #RUNTIME_USER}, which it creates with the privileges of {@code db-roles/runtime-grants.sql} only
 * (docs/design.md §8.4).
 *
 * <p>The server process outlives a JVM killed with SIGKILL; the next {@link #start} on the same
 * directory stops that orphan before starting afresh. When the JVM runs as root the server runs as
 * {@code nobody}, which PostgreSQL requires.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** The application database, created on first start. */
  public static final String DATABASE = "shiftproof";

  /**
   * The user, created by initdb as the cluster's superuser so that tests and the hub can create
   * schemas and extensions freely; acceptable only because the server never leaves loopback.
   */
  public static final String USER = "shiftproof";

  /** The user's password; authentication is scram-sha-256. */
  public static final String PASSWORD = "shiftproof";

  /**
   * The least-privilege role the hub connects as at run time: it owns nothing, so it can neither
   * disable nor drop the append-only triggers, and is granted no TRUNCATE and, on the append-only
   * tables, no UPDATE or DELETE. {@value #USER} owns the tables and runs the migrations.
   */
  public static final String RUNTIME_USER = "shiftproof_hub";

  /** The runtime role's password; like {@link #PASSWORD}, it never leaves loopback. */
  public static final String RUNTIME_PASSWORD = "shiftproof_hub";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private static final String HOST = "127.0.0.1";
  private static final String PG_DATA = "pgdata";
  private static final String LOG_FILE = "postgresql.log";
  private static final String PORTS_FILE = "postgres-ports.properties";
  private static final String PORT = "port";
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int LOG_LINES_IN_ERRORS = 20;

  /** Appended to postgresql.conf after initdb; the port comes from the command line instead. */
  private static final List<String> SERVER_SETTINGS =
      List.of(
          "listen_addresses = '" + HOST + "'",
          // JDBC connects over TCP; no socket file means no clash in /tmp and no permission issue.
          "unix_socket_directories = ''",
          "shared_buffers = 32MB",
          "max_connections = 100",
          "timezone = 'UTC'",
          "log_timezone = 'UTC'");

  private final Path pgData;
  private final Path logFile;
  private final Path pgCtl;
  private final PostgresAccount account;
  private final int port;
  private final DataDirLock lock;
  private final Thread shutdownHook;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private EmbeddedPostgresServer(
      Path pgData, Path logFile, Path pgCtl, PostgresAccount account, int port, DataDirLock lock) {
    this.pgData = pgData;
    this.logFile = logFile;
    this.pgCtl = pgCtl;
    this.account = account;
    this.port = port;
    this.lock = lock;
    this.shutdownHook = new Thread(this::stopOnJvmExit, "shiftproof-postgres-shutdown");
  }

  /**
   * Starts a server on {@code dataDir}, running initdb there on first use.
   *
   * @param port the TCP port; 0 reuses last run's port when free, else picks a free one
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) {
    Path dir = dataDir.toAbsolutePath().normalize();
    DataDirLock lock = DataDirLock.acquire(dir, "PostgreSQL");
    try {
      return start(dir, port, lock);
    } catch (IOException e) {
      lock.close();
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.DATA_DIR_NOT_ACCESSIBLE,
          "Cannot prepare PostgreSQL data directory " + dir + ": " + e,
          e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static EmbeddedPostgresServer start(Path dir, int requestedPort, DataDirLock lock)
      throws IOException {
    long started = System.nanoTime();
    PostgresAccount account = PostgresAccount.forThisProcess();
    account.requireTraversable(dir);
    account.own(dir);
    account.own(dir.resolve(DataDirLock.FILE_NAME));
    Path home = PostgresBinaries.install();
    account.requireTraversable(home.resolve("bin").resolve("postgres"));
    Path pgCtl = home.resolve("bin").resolve("pg_ctl");

    Path logFile = dir.resolve(LOG_FILE);
    if (!Files.exists(logFile)) {
      Files.createFile(logFile);
    }
    // pg_ctl opens the log itself, as the server's account.
    account.own(logFile);

    Path pgData = dir.resolve(PG_DATA);
    if (Files.exists(pgData)) {
      account.requireOwnerOf(pgData);
      stopOrphanedPostmaster(pgData, pgCtl, account, logFile);
    } else {
      initdb(dir, pgData, home, account, logFile);
    }

    PersistedPorts ports = PersistedPorts.load(dir.resolve(PORTS_FILE));
    int port = ports.choose(PORT, requestedPort);
    if (!PersistedPorts.isFree(port)) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.PORT_IN_USE,
          "PostgreSQL port " + port + " on " + HOST + " is taken; stop that process or use port 0");
    }
    ports.set(PORT, port);
    ports.save();
    account.own(dir.resolve(PORTS_FILE));

    EmbeddedPostgresServer server =
        new EmbeddedPostgresServer(pgData, logFile, pgCtl, account, port, lock);
    // Registered before the server exists, so a JVM exiting mid-start still stops it.
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      // -o is handed to a shell by pg_ctl; the port is a plain number, so no quoting is needed.
      run(
          account,
          List.of(
              pgCtl.toString(),
              "start",
              "-D",
              pgData.toString(),
              "-l",
              logFile.toString(),
              "-w",
              "-t",
              Long.toString(START_TIMEOUT.toSeconds()),
              "-o",
              "-p " + port),
          logFile,
          START_TIMEOUT.plusSeconds(10),
          EmbeddedServerException.Code.STARTUP_FAILED,
          "PostgreSQL did not start on port " + port);
      server.ensureDatabase();
    } catch (RuntimeException e) {
      try {
        server.close();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
    LOG.info(
        "PostgreSQL up on {}:{} as {} (data {}) in {} ms",
        HOST,
        port,
        account.describe(),
        dir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return server;
  }

  /** The JDBC URL of the application database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
  }

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** The TCP port, reused across restarts when it was chosen automatically and is still free. */
  public int port() {
    return port;
  }

  /** {@value #DATABASE}. */
  public String database() {
    return DATABASE;
  }

  /** {@value #USER}. */
  public String user() {
    return USER;
  }

  /** {@value #PASSWORD}. */
  public String password() {
    return PASSWORD;
  }

  /** {@value #RUNTIME_USER}, the role the hub connects as; created by the hub. */
  public String runtimeUser() {
    return RUNTIME_USER;
  }

  /** {@value #RUNTIME_PASSWORD}. */
  public String runtimePassword() {
    return RUNTIME_PASSWORD;
  }

  /** Stops the server with a fast shutdown: open sessions are cut, committed data is kept. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is exiting and the hook may be running; the flag below lets only one of us stop.
    }
    if (stopped.compareAndSet(false, true)) {
      try {
        stop(pgData, pgCtl, account, logFile);
      } finally {
        lock.close();
      }
    }
  }

  private void stopOnJvmExit() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("PostgreSQL on {} did not stop cleanly: {}", pgData, e.getMessage());
    }
  }

  private void ensureDatabase() {
    String adminUrl = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
    try (Connection connection = DriverManager.getConnection(adminUrl, USER, PASSWORD);
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.STARTUP_FAILED,
          "Cannot create database " + DATABASE + " on port " + port + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Runs initdb into a scratch directory renamed into place at the end, so a JVM killed during
   * initdb leaves nothing that looks like a usable cluster.
   */
  private static void initdb(
      Path dir, Path pgData, Path home, PostgresAccount account, Path logFile) throws IOException {
    Path scratch = dir.resolve(PG_DATA + ".initdb");
    TempDirectories.delete(scratch);
    Path passwordFile = dir.resolve("initdb.password");
    Files.deleteIfExists(passwordFile);
    Files.createFile(
        passwordFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
      account.own(passwordFile);
      run(
          account,
          List.of(
              home.resolve("bin").resolve("initdb").toString(),
              "-D",
              scratch.toString(),
              "-U",
              USER,
              "--pwfile=" + passwordFile,
              "--auth=scram-sha-256",
              "--encoding=UTF8",
              "--locale=C",
              "--no-instructions"),
          logFile,
          INITDB_TIMEOUT,
          EmbeddedServerException.Code.STARTUP_FAILED,
          "initdb failed for " + scratch);
    } finally {
      Files.deleteIfExists(passwordFile);
    }
    List<String> settings = new ArrayList<>();
    settings.add("");
    settings.add("# Embedded server settings; the port is passed on the command line at start.");
    settings.addAll(SERVER_SETTINGS);
    Files.write(
        scratch.resolve("postgresql.conf"),
        settings,
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    Files.move(scratch, pgData, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * A postmaster still running on this directory was started by a JVM that is gone: this JVM holds
   * the directory's lock, and a live owner would too. It is stopped rather than adopted so that it
   * runs with this start's port and settings. A postmaster.pid whose process is gone is removed,
   * because PostgreSQL trips over it when the pid has been recycled.
   */
  private static void stopOrphanedPostmaster(
      Path pgData, Path pgCtl, PostgresAccount account, Path logFile) throws IOException {
    Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(pgData);
    if (pidFile.isEmpty()) {
      Files.deleteIfExists(pgData.resolve(PostmasterPidFile.NAME));
      return;
    }
    Optional<ProcessHandle> orphan = pidFile.get().livePostmaster();
    if (orphan.isEmpty()) {
      Files.deleteIfExists(pgData.resolve(PostmasterPidFile.NAME));
      return;
    }
    LOG.warn(
        "Stopping PostgreSQL (pid {}, port {}) left running on {} by a process that has exited",
        pidFile.get().pid(),
        pidFile.get().port(),
        pgData);
    stop(pgData, pgCtl, account, logFile);
    try {
      orphan.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.DATA_DIR_IN_USE,
          "PostgreSQL pid "
              + pidFile.get().pid()
              + " still runs on "
              + pgData
              + "; stop it (kill -INT "
              + pidFile.get().pid()
              + ") and start again",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for PostgreSQL to stop", e);
    }
  }

  /** Fast shutdown, falling back to immediate (crash-safe, replays WAL on next start). */
  private static void stop(Path pgData, Path pgCtl, PostgresAccount account, Path logFile) {
    if (!Files.exists(pgData.resolve(PostmasterPidFile.NAME))) {
      return;
    }
    List<String> fast =
        List.of(
            pgCtl.toString(),
            "stop",
            "-D",
            pgData.toString(),
            "-m",
            "fast",
            "-w",
            "-t",
            Long.toString(STOP_TIMEOUT.toSeconds()));
    try {
      run(
          account,
          fast,
          logFile,
          STOP_TIMEOUT.plusSeconds(10),
          EmbeddedServerException.Code.SHUTDOWN_FAILED,
          "Fast shutdown failed");
    } catch (EmbeddedServerException e) {
      List<String> immediate = new ArrayList<>(fast);
      immediate.set(immediate.indexOf("fast"), "immediate");
      run(
          account,
          immediate,
          logFile,
          STOP_TIMEOUT.plusSeconds(10),
          EmbeddedServerException.Code.SHUTDOWN_FAILED,
          "PostgreSQL on " + pgData + " did not stop");
    }
  }

  /** Runs a PostgreSQL tool as the server's account, its output appended to the server log. */
  private static void run(
      PostgresAccount account,
      List<String> command,
      Path logFile,
      Duration timeout,
      EmbeddedServerException.Code code,
      String failure) {
    try {
      Process process =
          new ProcessBuilder(account.command(command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new EmbeddedServerException(
            code, failure + ": no answer within " + timeout + logTail(logFile));
      }
      if (process.exitValue() != 0) {
        throw new EmbeddedServerException(
            code, failure + " (exit " + process.exitValue() + ")" + logTail(logFile));
      }
    } catch (IOException e) {
      throw new EmbeddedServerException(code, failure + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedServerException(code, failure + ": interrupted", e);
    }
  }

  private static String logTail(Path logFile) {
    try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
      List<String> all = lines.toList();
      List<String> tail = all.subList(Math.max(0, all.size() - LOG_LINES_IN_ERRORS), all.size());
      return "; see " + logFile + ", which ends:\n  " + String.join("\n  ", tail);
    } catch (IOException | UncheckedIOException e) {
      return "; see " + logFile;
    }
  }
}
