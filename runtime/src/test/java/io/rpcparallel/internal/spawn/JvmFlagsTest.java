package io.rpcparallel.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmFlagsTest {
  private static final Path CWD = Path.of("/home/me/app");

  @Test
  void relativePathsInFlagsAreMadeAbsoluteAgainstTheProgramsDirectory() {
    assertEquals("-javaagent:/home/me/app/lib/agent.jar=opt=1,x=y", JvmFlags.absolute("-javaagent:lib/agent.jar=opt=1,x=y", CWD));
    assertEquals("-javaagent:/opt/agent.jar", JvmFlags.absolute("-javaagent:/opt/agent.jar", CWD));
    assertEquals("-agentpath:/home/me/libprof.so", JvmFlags.absolute("-agentpath:../libprof.so", CWD));
    assertEquals("-Xlog:gc*:file=/home/me/app/logs/gc-%p.log:time",
        JvmFlags.absolute("-Xlog:gc*:file=logs/gc-%p.log:time", CWD));
    assertEquals("-Xlog:gc:/home/me/app/gc.log", JvmFlags.absolute("-Xlog:gc:gc.log", CWD));
    assertEquals("-Xlog:gc:stderr", JvmFlags.absolute("-Xlog:gc:stderr", CWD));
    assertEquals("-Xlog:gc", JvmFlags.absolute("-Xlog:gc", CWD));
    assertEquals("-Xloggc:/home/me/app/gc.log", JvmFlags.absolute("-Xloggc:gc.log", CWD));
    assertEquals("-XX:HeapDumpPath=/home/me/app/dumps", JvmFlags.absolute("-XX:HeapDumpPath=dumps", CWD));
    assertEquals("-XX:ErrorFile=/home/me/app/hs_err_%p.log", JvmFlags.absolute("-XX:ErrorFile=hs_err_%p.log", CWD));
    assertEquals("-XX:AOTCache=/home/me/app/app.aot", JvmFlags.absolute("-XX:AOTCache=app.aot", CWD));
    assertEquals("-XX:StartFlightRecording=duration=30s,filename=/home/me/app/rec.jfr",
        JvmFlags.absolute("-XX:StartFlightRecording=duration=30s,filename=rec.jfr", CWD));
    assertEquals("-Xbootclasspath/a:/home/me/app/a.jar:/b.jar", JvmFlags.absolute("-Xbootclasspath/a:a.jar:/b.jar", CWD));
    assertEquals("--module-path=/home/me/app/mods:/lib/x.jar", JvmFlags.absolute("--module-path=mods:/lib/x.jar", CWD));
    assertEquals("--patch-module=java.sql=/home/me/app/patch.jar:/opt/p",
        JvmFlags.absolute("--patch-module=java.sql=patch.jar:/opt/p", CWD));
    assertEquals("-XX:Flags=/home/me/app/.hotspotrc", JvmFlags.absolute("-XX:Flags=.hotspotrc", CWD));
    assertEquals("-XX:SharedArchiveFile=/home/me/app/base.jsa:/home/me/app/top.jsa",
        JvmFlags.absolute("-XX:SharedArchiveFile=base.jsa:top.jsa", CWD));
    // JFR's options, after = or :, with settings= a file only when it looks like one.
    assertEquals("-XX:StartFlightRecording:settings=/home/me/app/my.jfc,settings=profile,filename=/home/me/app/r.jfr",
        JvmFlags.absolute("-XX:StartFlightRecording:settings=my.jfc,settings=profile,filename=r.jfr", CWD));
    assertEquals("-XX:FlightRecorderOptions=repository=/home/me/app/repo,dumppath=/home/me/app/dumps",
        JvmFlags.absolute("-XX:FlightRecorderOptions=repository=repo,dumppath=dumps", CWD));
    // Not rewritten: -D values (only the program knows which are paths), numbers, booleans.
    assertEquals("-Dconfig=conf/app.conf", JvmFlags.absolute("-Dconfig=conf/app.conf", CWD));
    assertEquals("-XX:MaxRAMPercentage=50", JvmFlags.absolute("-XX:MaxRAMPercentage=50", CWD));
    assertEquals("-XX:+HeapDumpOnOutOfMemoryError", JvmFlags.absolute("-XX:+HeapDumpOnOutOfMemoryError", CWD));
  }

  @Test
  void flagsFromTheOptionsVariablesAndFixedPortsAreNotInherited() {
    List<String> input = List.of("-Dtool=1", "-Xss2m", "-Dlauncher=a b", "-Xmx1g", "-Dtool=1",
        "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-Dcom.sun.management.jmxremote.port=9010",
        "-Dcom.sun.management.jmxremote.authenticate=false");
    assertEquals(List.of("-Xmx1g", "-Dtool=1", "-Dcom.sun.management.jmxremote.authenticate=false"),
        JvmFlags.forWorker(input, "-Dtool=1  -Xss2m", "'-Dlauncher=a b'", CWD));
  }

  @Test
  void theLaunchersNoteOfTheMainModuleIsNotInherited() {
    // java -p mods -m app/app.Main: the worker gets a -m of its own.
    assertEquals(List.of("--module-path=/home/me/app/mods", "--add-modules=java.sql"),
        JvmFlags.forWorker(List.of("--module-path=mods", "--add-modules=java.sql", "-Djdk.module.main=app"), null, null,
            CWD));
  }

  @Test
  void optionsVariablesAreSplitAsTheJvmSplitsThem() {
    assertEquals(List.of("-Da=1", "-Db=x y", "-Dc="), JvmFlags.tokens("  -Da=1 \"-Db=x y\"\t-Dc= "));
    assertEquals(List.of(), JvmFlags.tokens(null));
  }

  @Test
  void aWorkersOptionsVariablesLoseOnlyTheirFixedPorts() {
    assertEquals(Map.of("JAVA_TOOL_OPTIONS", "-Da=1 \"-Db=x y\""), JvmFlags.optionsVariablesForWorker(Map.of(
        "JAVA_TOOL_OPTIONS", "-Da=1 -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005 '-Db=x y'",
        "JDK_JAVA_OPTIONS", "-Xmx1g"), CWD));
  }

  @Test
  void relativePathsInTheOptionsVariablesAreMadeAbsolute() {
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-javaagent:lib/a.jar=x -Da=1",
        "JDK_JAVA_OPTIONS", "-Xlog:gc:file=gc.log", "PATH", "bin");
    assertEquals(Map.of("JAVA_TOOL_OPTIONS", "-javaagent:/home/me/app/lib/a.jar=x -Da=1",
        "JDK_JAVA_OPTIONS", "-Xlog:gc:file=/home/me/app/gc.log"), JvmFlags.optionsVariablesForWorker(env, CWD));
  }

  @Test
  void theOptionsOfAFlagsFileAreNotInherited(@TempDir Path dir) throws Exception {
    // The JVM lists them first, as the file has them; the worker reads the file itself.
    // A # starts a comment anywhere a word starts: "-Xmx1g" after it is not the file's.
    Files.writeString(dir.resolve(".hotspotrc"), "# tuning\n+PrintVMOptions\nMaxHeapFreeRatio=70 # was -Xmx1g\n");
    assertEquals(List.of("-Xmx1g", "-XX:Flags=" + dir.resolve(".hotspotrc")), JvmFlags.forWorker(
        List.of("+PrintVMOptions", "MaxHeapFreeRatio=70", "-Xmx1g", "-XX:Flags=.hotspotrc"), null, null, dir));
  }

  @Test
  void jdkJavaOptionsWrittenAsTwoWordsAreKnownInTheLaunchersForm() {
    // java turns "--add-opens X" and "-p mods" into --add-opens=X and --module-path=mods.
    assertEquals(List.of("-Xmx1g"), JvmFlags.forWorker(
        List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--module-path=mods", "-Xmx1g"), null,
        "--add-opens java.base/java.lang=ALL-UNNAMED -p mods", CWD));
    assertEquals(Map.of("JDK_JAVA_OPTIONS", "--add-opens=java.base/java.lang=ALL-UNNAMED --module-path=/home/me/app/mods"),
        JvmFlags.optionsVariablesForWorker(Map.of("JDK_JAVA_OPTIONS", "--add-opens java.base/java.lang=ALL-UNNAMED -p mods"),
            CWD));
  }
}
