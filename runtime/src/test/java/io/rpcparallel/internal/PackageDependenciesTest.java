package io.rpcparallel.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runtime's internal packages depend one way (docs/internals.md, "How the code is laid out"). The
 * public package {@code io.rpcparallel} is outside the slices on purpose: it is both the
 * vocabulary every layer speaks (settings, exceptions, codecs) and the front door that calls in.
 */
@AnalyzeClasses(packages = "io.rpcparallel", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {
  @ArchTest
  static final ArchRule internalPackagesAreFreeOfCycles = slices().matching("io.rpcparallel.(**)")
      .should().beFreeOfCycles();

  /** Every internal package but the ones given, as package patterns. */
  private static String[] internalPackagesExcept(String... allowed) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("app", "client", "exec", "gen", "launch",
        "dashboard", "log", "mapreduce", "metrics", "server", "spawn", "stream", "transport", "wire", "worker"));
    all.removeAll(java.util.List.of(allowed));
    java.util.List<String> patterns = new java.util.ArrayList<>();
    patterns.add("io.rpcparallel.internal");
    all.forEach(p -> patterns.add("io.rpcparallel.internal." + p + ".."));
    return patterns.toArray(new String[0]);
  }

  /** What generated code implements and calls into is a leaf: it names no other internal package. */
  @ArchTest
  static final ArchRule generatedCodeSpiIsALeaf = noClasses().that().resideInAPackage("io.rpcparallel.internal.gen")
      .should().dependOnClassesThat().resideInAnyPackage(internalPackagesExcept("gen"));

  /** The wire format knows nothing of connections, processes or threads. */
  @ArchTest
  static final ArchRule wireDependsOnNoOtherInternalPackage = noClasses()
      .that().resideInAPackage("io.rpcparallel.internal.wire")
      .should().dependOnClassesThat().resideInAnyPackage(internalPackagesExcept("wire"));

  /** Event loops and pools know nothing of connections or processes, so a test can build a transport alone. */
  @ArchTest
  static final ArchRule execDependsOnNoOtherInternalPackage = noClasses()
      .that().resideInAPackage("io.rpcparallel.internal.exec")
      .should().dependOnClassesThat().resideInAnyPackage(internalPackagesExcept("exec"));
}
