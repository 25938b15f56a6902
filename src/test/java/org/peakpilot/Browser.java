package org.peakpilot;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one fixture of the browser tests: Debian's chromium in headless mode with a fresh profile per test class, a
 * fresh session and window per test, and what the tests do with it: open a page of the application under test,
 * sign in, wait, check that ECharts drew and that the console is clean, save full-page screenshots under
 * {@code target/screenshots/}, call the API as a user. Register it in a {@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT)} class:
 * <pre>
 * &#64;RegisterExtension
 * static final Browser browser = new Browser("chromedriver-work.log");
 * </pre>
 * Without chromium and chromedriver every test is skipped, unless {@code CI} is set: then the class fails.
 */
final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
	static final Path SCREENSHOTS = Path.of("target", "screenshots");
	static final String MISSING = CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install -y chromium chromium-driver)";
	static final Dimension WINDOW = new Dimension(1400, 1000);

	private final String log;
	private Dimension window = WINDOW;
	private ChromeDriver driver;
	private Path profile;
	private int port;

	/** {@code log} names chromedriver's log under {@code target/}. */
	Browser(String log) {
		this.log = log;
	}

	/** The size of the window every test starts with (1400 × 1000 unless set). */
	Browser windowSize(int width, int height) {
		this.window = new Dimension(width, height);
		return this;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String ci = System.getenv("CI");
			if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
				fail("CI is set but " + MISSING);
			}
			return;
		}
		Files.createDirectories(SCREENSHOTS);
		profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chrome-").toAbsolutePath();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--window-size=" + window.getWidth() + "," + window.getHeight(), "--user-data-dir=" + profile);
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
			.withLogFile(new File("target", log)).build();
		driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
	}

	/** A fresh session (no cookies, an empty console) in a window of the set size, on the port of the test's application. */
	@Override
	public void beforeEach(ExtensionContext context) {
		assumeTrue(driver != null, () -> MISSING + "; browser tests skipped outside CI");
		port = SpringExtension.getApplicationContext(context).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		driver.manage().deleteAllCookies();
		driver.manage().window().setSize(window);
		// the console of the previous test (read and emptied), so that each test answers for its own pages only
		driver.manage().logs().get(LogType.BROWSER);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (driver == null) {
			return;
		}
		try {
			driver.quit();
		}
		finally {
			driver = null;
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	ChromeDriver driver() {
		return driver;
	}

	WebElement find(By by) {
		return driver.findElement(by);
	}

	List<WebElement> findAll(By by) {
		return driver.findElements(by);
	}

	/** Opens a path of the application, e.g. {@code /monitoring/live?lang=en}. */
	void open(String path) {
		driver.get("http://localhost:" + port + path);
	}

	/**
	 * Signs in on the form of {@code /login} in a fresh session and waits until the browser has left the sign-in
	 * page (where it lands is the caller's to check).
	 */
	void signIn(String user, String password) {
		driver.manage().deleteAllCookies();
		open("/login");
		driver.findElement(By.id("username")).sendKeys(user);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("login-submit")).click();
		waitUntil().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	/** Signs in as a user made by {@link Fixtures} (its password). */
	void signIn(String user) {
		signIn(user, Fixtures.PASSWORD);
	}

	WebDriverWait waitUntil() {
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** Waits until ECharts has drawn a canvas with a real size in an element matching the selector. */
	void awaitCanvas(String selector) {
		waitUntil().until(d -> d.findElements(By.cssSelector(selector)).stream()
			.anyMatch(c -> c.getSize().getWidth() > 100 && c.getSize().getHeight() > 100));
	}

	/**
	 * Fails on errors in the page's console: a broken script leaves charts empty without failing anything else, and
	 * a script or style the Content-Security-Policy refused (reported at any level) is such an error too.
	 */
	void assertNoScriptErrors() {
		List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue() || e.getMessage().contains("Content Security Policy"))
			.map(LogEntry::getMessage)
			.filter(m -> !m.contains("favicon.ico"))
			.toList();
		assertThat(errors).as("browser console errors").isEmpty();
	}

	/** Runs a script in the page and answers its result. */
	Object script(String script) {
		return ((JavascriptExecutor) driver).executeScript(script);
	}

	/** Saves the whole page, not just the window, to {@code target/screenshots/<name>}, so that a person can look at all of it. */
	@SuppressWarnings("unchecked")
	void screenshot(String name) {
		Map<String, Object> size = (Map<String, Object>) script(
				"return { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight };");
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
				"clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
		save(name, Base64.getDecoder().decode((String) shot.get("data")));
	}

	/** Saves what the window shows, as a person first sees the page, to {@code target/screenshots/<name>}. */
	void screenshotOfWindow(String name) {
		save(name, driver.getScreenshotAs(OutputType.BYTES));
	}

	private static void save(String name, byte[] png) {
		try {
			Files.write(SCREENSHOTS.resolve(name), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot save screenshot " + name, ex);
		}
	}

	/** Calls the API as a {@link Fixtures} user with HTTP Basic; asserts a 2xx answer and returns its body. */
	String api(String method, String path, String user, String json) {
		return call(method, path, "Basic " + Base64.getEncoder().encodeToString((user + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)), json);
	}

	/** Calls the API with the given Authorization header (a gateway's bearer token, say); asserts a 2xx answer and returns its body. */
	String call(String method, String path, String authorization, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<String> response;
		try {
			response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
		return response.body();
	}
}
