package org.peakpilot;

import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * The enterprise's monitoring page in a real headless Chromium shows a gateway's heartbeat with its reported
 * status and, after a rotation, until when the previous token still works (Beijing time). Same context as
 * MonitoringBrowserTests; screenshots go to {@code target/screenshots/}.
 */
// Context of MonitoringBrowserTests, whose live view lists the city's top enterprises
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_monitoring_browser")
class GatewayFieldBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-gateway-field.log");

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void theEnterprisesPageShowsTheGatewaysHeartbeatAndTheRotationOverlap() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise e = fixtures.enterprise(EMEISHAN, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		String created = browser.api("POST", "/api/v1/monitoring/enterprises/" + e.id() + "/gateways", user, "{\"name\": \"1# 网关\"}");
		String token = JsonPath.read(created, "$.token");
		long gateway = ((Number) JsonPath.read(created, "$.gateway.id")).longValue();
		browser.call("POST", "/api/v1/monitoring/status", "Bearer " + token, "{\"firmware\": \"2.1.0\", \"queued\": 0, \"note\": \"<b>not bold</b>\"}");
		browser.api("POST", "/api/v1/monitoring/gateways/" + gateway + "/rotate", user, "");

		browser.signIn(user);
		browser.open("/monitoring/enterprises/" + e.id() + "#gateways");
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#gateways .gateway-status")));
		String status = browser.find(By.cssSelector("#gateways .gateway-status")).getText();
		assertThat(status).contains("心跳").contains("\"firmware\":\"2.1.0\"").contains("<b>not bold</b>");
		assertThat(browser.findAll(By.cssSelector("#gateways .gateway-status b"))).as("the reported text is not markup").isEmpty();
		assertThat(browser.find(By.cssSelector("#gateways .previous-token")).getText()).startsWith("旧令牌有效至");
		browser.assertNoScriptErrors();
		browser.script("document.getElementById('gateways').scrollIntoView()");
		browser.screenshot("gateway-status-zh.png");
		browser.open("/monitoring/enterprises/" + e.id() + "?lang=en");
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#gateways .previous-token")));
		assertThat(browser.find(By.cssSelector("#gateways .previous-token")).getText()).startsWith("Previous token valid until");
		browser.script("document.getElementById('gateways').scrollIntoView()");
		browser.screenshot("gateway-status-en.png");
	}

}
