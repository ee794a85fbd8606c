package dev.flightlog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package table of STYLE.md, enforced: what each package may depend on, where JDBC, picocli,
 * the HTTP server and the process's standard streams and environment may be used, and no cycles.
 */
class ArchitectureTest {

  private static final String ROOT = "dev.flightlog";

  /** Each package and the flightlog packages it may use (the root package is always allowed). */
  private static final Map<String, String[]> ALLOWED =
      Map.ofEntries(
          Map.entry("claude", new String[] {}),
          Map.entry("otlp", new String[] {}),
          Map.entry("tail", new String[] {}),
          Map.entry("spool", new String[] {}),
          Map.entry("install", new String[] {}),
          Map.entry("metrics", new String[] {}),
          Map.entry("store", new String[] {"metrics"}),
          Map.entry("live", new String[] {}),
          Map.entry("report", new String[] {"store", "metrics"}),
          Map.entry("redact", new String[] {}),
          Map.entry("ingest", new String[] {"claude", "otlp", "tail", "store", "live", "redact"}),
          Map.entry("web", new String[] {"ingest", "store", "report", "live", "metrics"}),
          Map.entry(
              "daemon",
              new String[] {
                "claude", "otlp", "tail", "spool", "install", "store", "live", "report", "ingest",
                "web", "metrics", "redact"
              }),
          Map.entry(
              "cli",
              new String[] {
                "claude", "otlp", "tail", "spool", "install", "store", "live", "report", "ingest",
                "web", "daemon", "metrics", "redact"
              }));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  static Iterable<String> packages() {
    return ALLOWED.keySet();
  }

  @ParameterizedTest
  @MethodSource("packages")
  void packageDependsOnlyOnWhatItsTableRowAllows(String name) {
    var allowed = new java.util.ArrayList<String>();
    allowed.add(ROOT);
    allowed.add(ROOT + "." + name + "..");
    for (var other : ALLOWED.getOrDefault(name, new String[0])) {
      allowed.add(ROOT + "." + other + "..");
    }
    var forbidden =
        ALLOWED.keySet().stream()
            .filter(p -> !allowed.contains(ROOT + "." + p + ".."))
            .map(p -> ROOT + "." + p + "..")
            .toArray(String[]::new);
    if (forbidden.length == 0) {
      return;
    }
    noClasses()
        .that()
        .resideInAPackage(ROOT + "." + name + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .because("STYLE.md's package table allows " + name + " only " + allowed)
        .check(classes);
  }

  @Test
  void theRecordModelDependsOnNoOtherFlightlogPackage() {
    noClasses()
        .that()
        .resideInAPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".*..")
        .check(classes);
  }

  @Test
  void noCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void jdbcStaysInTheStore() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".store..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .check(classes);
  }

  @Test
  void picocliStaysInTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(classes);
  }

  @Test
  void theHttpServerStaysInWeb() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".web..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.net.httpserver..")
        .check(classes);
  }

  @Test
  void onlyTheCliTouchesTheProcess() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".cli..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .orShould()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .check(classes);
  }

  @Test
  void everyPackageDeclaresItsJobAndIsNullMarked() {
    classes()
        .that()
        .haveSimpleName("package-info")
        .should()
        .beAnnotatedWith(org.jspecify.annotations.NullMarked.class)
        .check(classes);
    var packages = classes.stream().map(c -> c.getPackageName()).distinct().sorted().toList();
    for (var name : packages) {
      org.assertj.core.api.Assertions.assertThat(
              classes.stream().anyMatch(c -> c.getName().equals(name + ".package-info")))
          .as("package %s has a package-info.java", name)
          .isTrue();
    }
  }
}
