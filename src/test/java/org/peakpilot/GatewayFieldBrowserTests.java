package org.peakpilot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * The enterprise's monitoring page in a real headless Chromium shows a gateway's heartbeat with its reported
 * status and, after a rotation, until when the previous token still works (Beijing time). Same context as
 * MonitoringBrowserTests; screenshots go to {@code target/screenshots/}.
 */
// Context of MonitoringBrowserTests, whose live view lists the city's top enterprises
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_monitoring_browser")
class GatewayFieldBrowserTests {

	static HeadlessChromium chromium;
	static ChromeDriver driver;

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@BeforeAll
	static void startChromium() throws IOException {
		chromium = HeadlessChromium.start("chromedriver-gateway-field.log");
		driver = chromium == null ? null : chromium.driver;
	}

	@AfterAll
	static void quitChromium() throws IOException {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void theEnterprisesPageShowsTheGatewaysHeartbeatAndTheRotationOverlap() throws Exception {
		assumeTrue(driver != null, () -> HeadlessChromium.MISSING + "; browser tests skipped outside CI");
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise e = fixtures.enterprise(EMEISHAN, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		String created = send("Basic " + Base64.getEncoder().encodeToString((user + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)),
				"/api/v1/monitoring/enterprises/" + e.id() + "/gateways", "{\"name\": \"1# 网关\"}");
		String token = JsonPath.read(created, "$.token");
		long gateway = ((Number) JsonPath.read(created, "$.gateway.id")).longValue();
		send("Bearer " + token, "/api/v1/monitoring/status", "{\"firmware\": \"2.1.0\", \"queued\": 0, \"note\": \"<b>not bold</b>\"}");
		send("Basic " + Base64.getEncoder().encodeToString((user + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)),
				"/api/v1/monitoring/gateways/" + gateway + "/rotate", "");

		driver.manage().deleteAllCookies();
		driver.get("http://localhost:" + port + "/login");
		driver.findElement(By.id("username")).sendKeys(user);
		driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		driver.findElement(By.id("login-submit")).click();
		chromium.waitUntil().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
		driver.get("http://localhost:" + port + "/monitoring/enterprises/" + e.id() + "#gateways");
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#gateways .gateway-status")));
		String status = driver.findElement(By.cssSelector("#gateways .gateway-status")).getText();
		assertThat(status).contains("心跳").contains("\"firmware\":\"2.1.0\"").contains("<b>not bold</b>");
		assertThat(driver.findElements(By.cssSelector("#gateways .gateway-status b"))).as("the reported text is not markup").isEmpty();
		assertThat(driver.findElement(By.cssSelector("#gateways .previous-token")).getText()).startsWith("旧令牌有效至");
		chromium.assertNoScriptErrors();
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('gateways').scrollIntoView()");
		chromium.screenshot("gateway-status-zh.png");
		driver.get("http://localhost:" + port + "/monitoring/enterprises/" + e.id() + "?lang=en");
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#gateways .previous-token")));
		assertThat(driver.findElement(By.cssSelector("#gateways .previous-token")).getText()).startsWith("Previous token valid until");
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('gateways').scrollIntoView()");
		chromium.screenshot("gateway-status-en.png");
	}

	private String send(String authorization, String path, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", authorization)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
		return response.body();
	}
}
