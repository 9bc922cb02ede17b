package io.shiftproof.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the repository's references to its design true: every {@code docs/<name>.md} mentioned in a
 * source, schema, script or document exists, and every section it cites there ({@code §5}, {@code
 * §4, §8}, {@code §6-§8}, {@code §6.5}) has a numbered heading in that file. Links between the
 * documents under {@code docs/} are held to the same rule.
 *
 * <p>The check concerns the whole repository, which it finds from the module directory Maven runs
 * it in; it lives in {@code ledger} because the evidence format, the most-cited contract, does.
 *
 * <p>The sample references below are assembled from pieces, so that the scan of the repository does
 * not read this file's deliberately broken examples as references.
 */
class DesignReferencesTest {
  private static final String DOCS = "docs/";

  @Test
  void everyDesignReferenceNamesAnExistingSection() {
    Path root = repositoryRoot();

    List<Reference> references = references(root);

    // Far fewer would mean the pattern no longer recognises the references, not that they are gone.
    assertThat(references).as("references found under %s", root).hasSizeGreaterThan(40);
    assertThat(broken(root, references)).isEmpty();
  }

  @Test
  void noSourceCitesTheDesignByItsFormerName() {
    Path root = repositoryRoot();
    Pattern former = Pattern.compile("\\b" + "DESIGN" + "(?:\\.md|\\s+§|\\s+section\\s+\\d)");

    List<String> citations = new ArrayList<>();
    for (Path file : textFiles(root)) {
      if (isReleasedArtefact(root.relativize(file))) {
        continue;
      }
      List<String> lines = readLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (former.matcher(lines.get(i)).find()) {
          citations.add(
              root.relativize(file)
                  + ":"
                  + (i + 1)
                  + ": got a citation of a design document outside the repository, want "
                  + DOCS
                  + "design.md with its section");
        }
      }
    }

    assertThat(citations).isEmpty();
  }

  @Test
  void aReferenceToAMissingSectionIsReported(@TempDir Path repo) throws IOException {
    write(repo, DOCS + "guide.md", "# Guide\n\n## 1. Start\n\n## 2. Stop\n");
    write(
        repo,
        "src/Example.java",
        "/** See " + DOCS + "guide.md §2, and " + DOCS + "guide.md §3. */");

    List<String> broken = broken(repo, references(repo));

    assertThat(broken).singleElement().asString().contains("src/Example.java:1").contains("§3");
  }

  @Test
  void aReferenceToAMissingFileIsReported(@TempDir Path repo) throws IOException {
    write(repo, DOCS + "guide.md", "## 1. Start\n");
    write(repo, "run.sh", "# the rules: " + DOCS + "rules.md §1\n");

    List<String> broken = broken(repo, references(repo));

    assertThat(broken).singleElement().asString().contains("run.sh:1").contains("rules.md");
  }

  @Test
  void everySectionOfAListOrARangeIsChecked(@TempDir Path repo) throws IOException {
    write(repo, DOCS + "guide.md", "## 1. One\n\n## 3. Three\n\n### 3.1 Detail\n\n## 4. Four\n");
    write(
        repo,
        "src/Example.java",
        "/**\n * Per "
            + DOCS
            + "guide.md\n * §1, §3.1 and §4; also "
            + DOCS
            + "guide.md §1-§4.\n */");

    List<String> broken = broken(repo, references(repo));

    assertThat(broken).singleElement().asString().contains("src/Example.java:3").contains("§2");
  }

  @Test
  void linksBetweenTheDocumentsAreChecked(@TempDir Path repo) throws IOException {
    write(repo, DOCS + "guide.md", "## 1. Start\n\nThe format is in [format.md](format.md) §2.\n");
    write(repo, DOCS + "format.md", "## 1. Members\n");

    List<String> broken = broken(repo, references(repo));

    assertThat(broken).singleElement().asString().contains("guide.md:3").contains("§2");
  }

  /** One cited document, with the sections cited (none when only the document is named). */
  record Reference(Path source, int line, String document, List<String> sections) {}

  // "docs/<name>.md", then any closing link or quote characters, then optionally sections: "§5",
  // "§4, §8", "§1 and §2", "§6-§8". A reference may wrap onto a comment's next line.
  private static final String GAP = "(?:\\s|\\*|//|--|#)*";
  private static final String SECTION = "§\\d+(?:\\.\\d+)*";
  private static final String SECTIONS =
      "[)\\]`'\"*]*(" + GAP + SECTION + "(?:" + GAP + "(?:,|and|-|–)" + GAP + SECTION + ")*)?";
  private static final Pattern REPOSITORY_REFERENCE =
      Pattern.compile("\\b" + DOCS + "([A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\\.md)" + SECTIONS);
  private static final Pattern DOCUMENT_LINK =
      Pattern.compile("\\]\\(([A-Za-z0-9_-]+\\.md)\\)" + SECTIONS);
  private static final Pattern SECTION_NUMBER = Pattern.compile("§(\\d+(?:\\.\\d+)*)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+§?(\\d+(?:\\.\\d+)*)[.\\s]");

  private static final Set<String> TEXT_EXTENSIONS =
      Set.of(
          ".java",
          ".md",
          ".xml",
          ".avsc",
          ".avdl",
          ".sql",
          ".sh",
          ".properties",
          ".yaml",
          ".yml",
          ".env",
          ".json",
          ".txt",
          ".Dockerfile");

  /** Every reference to a document under {@code docs/} in the repository at {@code root}. */
  static List<Reference> references(Path root) {
    List<Reference> references = new ArrayList<>();
    for (Path file : textFiles(root)) {
      String text = String.join("\n", readLines(file));
      collect(root, file, text, REPOSITORY_REFERENCE, "", references);
      Path relative = root.relativize(file);
      if (relative.getNameCount() == 2 && relative.startsWith("docs")) {
        collect(root, file, text, DOCUMENT_LINK, DOCS, references);
      }
    }
    return references;
  }

  private static void collect(
      Path root,
      Path file,
      String text,
      Pattern pattern,
      String documentPrefix,
      List<Reference> into) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      into.add(
          new Reference(
              root.relativize(file),
              line,
              documentPrefix.isEmpty() ? DOCS + m.group(1) : documentPrefix + m.group(1),
              sections(m.group(2))));
    }
  }

  /** The sections a run such as "§4, §6-§8" cites, ranges of whole sections spelled out. */
  private static List<String> sections(String run) {
    List<String> sections = new ArrayList<>();
    if (run == null) {
      return sections;
    }
    Matcher m = SECTION_NUMBER.matcher(run);
    int previousEnd = -1;
    while (m.find()) {
      String number = m.group(1);
      boolean closesRange =
          previousEnd >= 0 && run.substring(previousEnd, m.start()).matches(GAP + "[-–]" + GAP);
      String previous = sections.isEmpty() ? null : sections.get(sections.size() - 1);
      if (closesRange && isWhole(previous) && isWhole(number)) {
        for (int n = Integer.parseInt(previous) + 1; n < Integer.parseInt(number); n++) {
          sections.add(Integer.toString(n));
        }
      }
      sections.add(number);
      previousEnd = m.end();
    }
    return sections;
  }

  private static boolean isWhole(String section) {
    return section != null && section.matches("\\d+");
  }

  /** Each reference whose document or section does not exist, as a readable line. */
  static List<String> broken(Path root, List<Reference> references) {
    Map<String, Set<String>> headings = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Reference reference : references) {
      Path document = root.resolve(reference.document());
      String where = reference.source() + ":" + reference.line() + ": " + reference.document();
      if (!Files.isRegularFile(document)) {
        broken.add(where + ": got no such file, want a document under " + DOCS);
        continue;
      }
      Set<String> numbered = headings.computeIfAbsent(reference.document(), d -> numbers(document));
      for (String section : reference.sections()) {
        if (!numbered.contains(section)) {
          broken.add(
              where
                  + " §"
                  + section
                  + ": got no heading numbered "
                  + section
                  + ", want one of "
                  + numbered);
        }
      }
    }
    return broken;
  }

  /** The section numbers of a document's headings, outside code blocks. */
  private static Set<String> numbers(Path document) {
    Set<String> numbers = new LinkedHashSet<>();
    boolean inCode = false;
    for (String line : readLines(document)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (!inCode) {
        Matcher m = HEADING.matcher(line + " ");
        if (m.find()) {
          numbers.add(m.group(1));
        }
      }
    }
    return numbers;
  }

  /**
   * Released schema versions and database migrations are kept exactly as released, so their
   * comments keep the words they were released with.
   */
  private static boolean isReleasedArtefact(Path relative) {
    String path = relative.toString().replace('\\', '/');
    return path.contains("/avro-history/")
        || relative.getFileName().toString().matches("V\\d+__.*\\.sql");
  }

  /** The repository's text files, leaving out build output, runtime data and hidden directories. */
  private static List<Path> textFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> isSource(root.relativize(file)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isSource(Path relative) {
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      String directory = relative.getName(i).toString();
      if (directory.startsWith(".")
          || directory.equals("target")
          || directory.equals("node_modules")
          || (i == 0 && directory.equals("data"))) {
        return false;
      }
    }
    String name = relative.getFileName().toString();
    return TEXT_EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** The root of the repository: the nearest directory up from here that holds the reactor. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isRegularFile(dir.resolve("ledger/pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "repository root: got none above "
            + Path.of("").toAbsolutePath()
            + ", want ledger's parent");
  }

  /** The file's lines; bytes that are not UTF-8 are replaced rather than stopping the scan. */
  private static List<String> readLines(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path repo, String relative, String text) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
