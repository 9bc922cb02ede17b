package io.shiftproof.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostmasterPidFileTest {

  @Test
  void readsPidAndPortOfARunningServer() {
    List<String> lines =
        List.of(
            "4711",
            "/data/postgres/pgdata",
            "1767000000",
            "5433",
            "",
            "127.0.0.1",
            "  5433001         0",
            "ready   ");

    assertThat(PostmasterPidFile.parse(lines)).contains(new PostmasterPidFile(4711, 5433));
  }

  @Test
  void fileTornByACrashIsIgnored() {
    assertThat(PostmasterPidFile.parse(List.of())).isEmpty();
    assertThat(PostmasterPidFile.parse(List.of("47"))).contains(new PostmasterPidFile(47, 0));
    assertThat(PostmasterPidFile.parse(List.of("garbage"))).isEmpty();
  }

  @Test
  void recycledPidOfAnotherProgramIsNotAPostmaster() {
    long thisJvm = ProcessHandle.current().pid();

    assertThat(new PostmasterPidFile(thisJvm, 5432).livePostmaster()).isEmpty();
  }
}
