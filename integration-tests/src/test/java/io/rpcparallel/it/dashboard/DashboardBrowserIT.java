package io.rpcparallel.it.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Dashboard;
import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.MapResults;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.it.Await;
import io.rpcparallel.it.DashWorkerClient;
import io.rpcparallel.it.DashWorkerImpl;
import io.rpcparallel.it.DashWorkerRpc;
import io.rpcparallel.it.NoLeftoverWorkers;
import io.rpcparallel.it.Procs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven by Selenium) while a
 * map-reduce runs on three real workers: the rows, a killed worker's exit status, the job's
 * progress and a worker's log line appear as they happen. Saves target/dashboard.png.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String MINE = "#workers tbody tr[data-name^='square-']";
  private static final String UP = MINE + "[data-state=up]";
  private static final String JOB = "#jobs tbody tr[data-job-id]";

  @Test
  void showsWorkersJobProgressLogsAndADeadWorkerAsTheyHappen() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String what = "chromium and chromedriver are needed (apt-get install chromium chromium-driver)";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(what + "; CI=true, so this test may not be skipped");
      }
      Assumptions.abort(what);
    }
    Path profile = Files.createTempDirectory("rpc-parallel-dashboard-chromium");
    Dashboard dashboard = RpcParallel.startDashboard();
    try {
      MapResults<Long> results = MapReduce.map(MapReduceConfig.local(3).withMaxInFlightPerWorker(1).withMaxAttempts(3)
          .withReplaceDeadWorkers(false),
          (i, options) -> DashWorkerRpc.spawnAndConnect(DashWorkerImpl.class, 40L, options.withName("square-" + i)),
          LongStream.range(0, 3000).boxed().collect(Collectors.toList()), (w, x) -> w.async().square(x));
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
        try {
          results.forEachRemaining(x -> { });
        } catch (RuntimeException e) {
          // closed by the test
        }
      });
      // A worker outside the job streams to this process: an item every 20 ms.
      try (DashWorkerClient feed =
          DashWorkerRpc.spawnAndConnect(DashWorkerImpl.class, 0L, SpawnOptions.named("feed"))) {
        feed.ticks(20, StreamWriter.to(new Flow.Subscriber<Long>() {
          @Override public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override public void onNext(Long item) {}

          @Override public void onError(Throwable t) {}

          @Override public void onComplete() {}
        }));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1400,1250", "--user-data-dir=" + profile, "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-crash-reporter");
        WebDriver driver = new ChromeDriver(service, options);
        try {
          // The page redraws its tables on every event: every read of an element happens in a wait,
          // which tries again when the element it found was replaced meanwhile.
          WebDriverWait wait = new WebDriverWait(driver, Await.LIMIT);
          wait.ignoring(StaleElementReferenceException.class);
          driver.get(dashboard.url().toString());

          // The table also lists workers that earlier tests in this JVM spawned and ended: count this job's.
          wait.until(d -> d.findElements(By.cssSelector(UP)).size() == 3);
          assertEquals(3, driver.findElements(By.cssSelector(MINE)).size());

          // The job's progress moves: its done count grows from one look to the next.
          long first = wait.until(d -> done(d) > 0 ? done(d) : null);
          wait.until(d -> done(d) > first);
          long second = wait.until(d -> done(d));
          wait.until(d -> done(d) > second);
          String job = wait.until(d -> d.findElement(By.cssSelector(JOB)).getText());
          assertTrue(job.contains("/ 3000"), job);

          // A worker's log line appears (the workers log every tenth input).
          wait.until(d -> d.findElements(By.cssSelector("#logs .log")).stream()
              .anyMatch(l -> l.getText().contains("squared input")));

          // The feed's stream is listed with its rate, and so are the workers' log streams the page follows.
          wait.until(d -> d.findElements(By.cssSelector("#streams tbody tr[data-method='DashWorker.ticks']"))
              .stream().map(r -> r.getText().startsWith("feed") ? r.getAttribute("data-items-per-second") : "")
              .anyMatch(rate -> rate.matches("[0-9.]+") && Double.parseDouble(rate) > 0));
          wait.until(d -> d.findElements(By.cssSelector("#streams tbody tr[data-method='logs (built-in)']"))
              .size() >= 3);

          // A killed worker turns dead with its exit status; the other two stay up (no replacement is
          // spawned), the job goes on.
          String pid = wait.until(d -> d.findElement(By.cssSelector(UP)).getAttribute("data-pid"));
          ProcessHandle.of(Long.parseLong(pid)).orElseThrow().destroyForcibly();
          wait.until(d -> d.findElement(By.cssSelector("#workers tbody tr[data-pid='" + pid + "'] .state")).getText()
              .equals("dead (exit 137)"));
          assertEquals(2, driver.findElements(By.cssSelector(UP)).size());
          assertEquals(3, driver.findElements(By.cssSelector(MINE)).size());
          long afterKill = wait.until(d -> done(d));
          wait.until(d -> done(d) > afterKill + 20);

          Path shot = Path.of("target", "dashboard.png");
          Files.write(shot, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
          assertTrue(Files.size(shot) > 10_000, "a screenshot of the page: " + shot.toAbsolutePath());
        } finally {
          driver.quit();
        }
      } finally {
        // Closing the feed's connection (above) ended its stream and the feed worker.
        results.close();
        Await.result(reader);
      }
    } finally {
      dashboard.close();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    List<ProcessHandle> left = Procs.liveDescendants();
    assertTrue(left.isEmpty(), "nothing left running: " + left);
  }

  private static long done(WebDriver d) {
    List<WebElement> rows = d.findElements(By.cssSelector(JOB));
    return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).getAttribute("data-done"));
  }

}
