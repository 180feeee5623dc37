package dev.steward.gateway.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in Debian's chromium (headless, through its chromedriver) against the stack: sign in, create a
 * key and a bucket, stage and apply a layout after its preview, watch a backup reach 100%, and an auditor's view
 * without write controls. A screenshot of each page lands in target/console-screenshots/.
 */
class ConsoleE2EIT extends AbstractStackE2E {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void browser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): scripts/test.sh installs them, or apt-get install chromium chromium-driver");
        }
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--window-size=1366,900", "--user-data-dir=" + Files.createTempDirectory("steward-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void signIn(String token) {
        browser.manage().deleteAllCookies();
        browser.get(stack.url("gateway") + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(token);
        browser.findElement(By.id("signin-button")).click();
        awaitPage("overview");
    }

    private void open(String page) {
        browser.findElement(By.cssSelector("nav a[href='#" + page + "']")).click();
        awaitPage(page);
    }

    private void awaitPage(String page) {
        wait.until(driver -> page.equals(driver.findElement(By.id("page")).getAttribute("data-page"))
                && driver.findElement(By.id("page")).getAttribute("aria-busy") == null);
    }

    private void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String pageText() {
        return browser.findElement(By.id("page")).getText();
    }

    private void fill(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }


    @Test
    void anAdminWorksThroughEveryPage() throws Exception {
        signIn(stack.adminToken());
        assertTrue(pageText().matches("(?s).*(Healthy|Degraded|Unavailable).*"), pageText());
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                exchange("GET", stack.url("gateway") + "/console/", null, null, null).headers().firstValue("Content-Security-Policy").orElse(""));
        screenshot("overview");

        open("keys");
        String keyName = "console-" + UUID.randomUUID().toString().substring(0, 8);
        fill("key-create-name", keyName);
        browser.findElement(By.id("key-create-submit")).click();
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-secret"))).getText();
        assertEquals(64, secret.length(), "the new key's secret, shown once: " + secret);
        wait.until(driver -> pageText().contains(keyName));
        screenshot("keys");

        open("buckets");
        String alias = "console-" + UUID.randomUUID().toString().substring(0, 8);
        fill("bucket-create-alias", alias);
        browser.findElement(By.id("bucket-create-submit")).click();
        wait.until(driver -> pageText().contains(alias));
        HttpResponse<String> bucket = call("GET", "/v0/bucket?globalAlias=" + alias, null);
        assertEquals(200, bucket.statusCode(), "created through the console: " + bucket.body());
        screenshot("buckets");

        open("layout");
        assertTrue(browser.findElements(By.cssSelector("#page [data-write]")).size() >= 3, "an admin is offered stage, preview and revert");
        List<String> nodes = List.of(randomNodeId(), randomNodeId(), randomNodeId());
        for (int i = 0; i < nodes.size(); i++) {
            fill("stage-node", nodes.get(i));
            fill("stage-zone", "dc" + (i + 1));
            fill("stage-capacity", "1000000000");
            browser.findElement(By.id("stage-submit")).click();
            String node = nodes.get(i);
            wait.until(driver -> pageText().contains(node));
        }
        browser.findElement(By.id("preview-button")).click();
        String summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-summary"))).getText();
        assertTrue(summary.matches("Applying version \\d+ moves \\d+ partition replica\\(s\\)\\."), summary);
        screenshot("layout-preview");
        long before = ((Number) object(call("GET", "/v0/layout", null)).get("version")).longValue();
        browser.findElement(By.id("apply-button")).click();
        wait.until(driver -> pageText().contains("Layout, version " + (before + 1)));
        Map<?, ?> perNode = (Map<?, ?>) object(call("GET", "/steward/v1/layout/partitions", null)).get("partitionsPerNode");
        nodes.forEach(node -> assertEquals(256, ((Number) perNode.get(node)).intValue(), "applied from the console: " + perNode));
        screenshot("layout-applied");

        open("volumes");
        screenshot("volumes");

        open("jobs");
        browser.findElement(By.id("backup-start")).click();
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .withMessage(() -> "the backup followed live: " + browser.findElement(By.id("job-live")).getText())
                .until(driver -> driver.findElement(By.id("job-live")).getText().contains("100% success"));
        String followed = browser.findElement(By.cssSelector("#job-live [data-job-state]")).getAttribute("data-job-state");
        wait.until(driver -> driver.findElement(By.id("job-list")).getText().contains(followed));
        assertEquals("100% success", browser.findElement(By.cssSelector("#job-list [data-job-state='" + followed + "']")).getText(),
                "the list shows the job as it ended");
        screenshot("jobs-backup-done");
        Path junk = Files.writeString(Files.createTempFile("not-a-package", ".enc"), "not an update package");
        browser.findElement(By.id("update-package")).sendKeys(junk.toAbsolutePath().toString());
        browser.findElement(By.id("update-submit")).click();
        String refusal = wait.until(driver -> {
            String text = driver.findElement(By.cssSelector("#update .error")).getText();
            return text.isEmpty() ? null : text;
        });
        assertTrue(refusal.startsWith("400 "), "the reference's 400 for a package that is not one, shown on the form: " + refusal);

        open("audit");
        fill("audit-action", "BucketCreated");
        String bucketId = (String) object(bucket).get("id");
        // The audit trail names the bucket by id; its entry came through Kafka minutes before this page opened.
        wait.until(driver -> pageText().contains("bucket/" + bucketId));
        assertTrue(pageText().lines().noneMatch(line -> line.contains("JobSucceeded")), "the action filter hides other actions");
        screenshot("audit");
    }

    @Test
    void anAuditorIsOfferedNoWrites() throws Exception {
        HttpResponse<String> issued = call("POST", "/steward/v1/tokens",
                "{\"name\":\"console-auditor-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"role\":\"auditor\"}");
        assertEquals(201, issued.statusCode(), issued.body());
        signIn((String) object(issued).get("token"));
        assertTrue(browser.findElement(By.id("who")).getText().endsWith("(auditor)"), browser.findElement(By.id("who")).getText());
        for (String page : List.of("layout", "buckets", "keys", "volumes", "jobs", "audit")) {
            open(page);
            assertEquals(List.of(), browser.findElements(By.cssSelector("#page [data-write]")).stream().map(WebElement::getText).toList(),
                    page + " offers no write control to an auditor");
            screenshot("auditor-" + page);
        }
    }

    @Test
    void theConsoleFilesAreServedToAnyoneButNothingElseIs() throws Exception {
        HttpResponse<String> page = exchange("GET", stack.url("gateway") + "/console/", null, null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/console/console.js\"></script>"));
        assertEquals(200, exchange("GET", stack.url("gateway") + "/console/console.js", null, null, null).statusCode());
        HttpResponse<String> other = exchange("GET", stack.url("gateway") + "/console/application.yml", null, null, null);
        assertEquals(404, other.statusCode());
        assertTrue(other.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), "a problem: " + other.body());
        assertEquals(401, exchange("GET", stack.url("gateway") + "/steward/v1/whoami", null, null, null).statusCode(), "whoami needs a credential");
        assertEquals(403, exchange("GET", stack.url("gateway") + "/v0/status", null, null, null).statusCode(), "the API still refuses, as it always has");
        assertEquals(200, exchange("GET", stack.url("gateway") + "/console", null, null, null).statusCode(), "with or without the slash");
    }
}
