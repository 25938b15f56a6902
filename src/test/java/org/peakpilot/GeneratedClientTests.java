package org.peakpilot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peakpilot.client.ApiClient;
import org.peakpilot.client.api.AccountingApi;
import org.peakpilot.client.api.MonitoringApi;
import org.peakpilot.client.api.PlanApi;
import org.peakpilot.client.api.RegistryApi;
import org.peakpilot.client.api.ReportsApi;
import org.peakpilot.client.model.EnterpriseForm;
import org.peakpilot.client.model.GatewayName;
import org.peakpilot.client.model.ActivityLine;
import org.peakpilot.client.model.MeterForm;
import org.peakpilot.client.model.Problem;
import org.peakpilot.client.model.ReadingIn;
import org.peakpilot.client.model.ReadingsBatch;
import org.peakpilot.client.model.Report;
import org.peakpilot.client.model.ReportContent;
import org.peakpilot.client.model.ReportLine;
import org.peakpilot.client.model.CalculationRequest;
import org.peakpilot.platform.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * The API as an integrator meets it: every call goes through the Java client that the build generates from the
 * committed OpenAPI document (docs/api-client.md), against the application on its port, with no hand-written HTTP.
 * The operation and model names used here are the document's; expected figures are worked out in
 * {@code AccountingTests}.
 */
@PeakPilotTest
class GeneratedClientTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ApiClient anonymous() {
		return new ApiClient().setBasePath("http://localhost:" + port);
	}

	/** Signed in with HTTP Basic, through the document's {@code basicAuth} scheme. */
	ApiClient basic(String username, String password) {
		ApiClient client = anonymous();
		client.setUsername(username);
		client.setPassword(password);
		return client;
	}

	/**
	 * With a bearer token: a gateway's device token ({@code ppd_…}) or a personal one ({@code ppt_…}), through the
	 * document's bearer schemes ({@code deviceToken}, {@code personalToken}).
	 */
	ApiClient bearer(String token) {
		ApiClient client = anonymous();
		client.setBearerToken(token);
		return client;
	}

	ApiClient admin() {
		return basic("admin", TestDatabase.ADMIN_PASSWORD);
	}

	@Test
	void publicIndicatorsAnswerWithoutCredentials() {
		var indicators = new PlanApi(anonymous()).listPublicIndicators();

		assertThat(indicators).isNotEmpty().allSatisfy(tracked -> {
			assertThat(tracked.getItem().getCode()).isNotBlank();
			assertThat(tracked.getItem().getNameZh()).isNotBlank();
		});
	}

	@Test
	void cityAdministratorRegistersAnEnterpriseAndABadUsccComesBackAsAProblemDetail() {
		RegistryApi registry = new RegistryApi(admin());
		String uscc = Fixtures.uscc(EMEISHAN);

		var enterprise = registry.createEnterprise(new EnterpriseForm().uscc(uscc).name("客户端测试企业 Client test enterprise")
			.countyCode(EMEISHAN).industryCode("3011").keyEnergyUnit(false));

		assertThat(enterprise.getId()).isPositive();
		assertThat(enterprise.getUscc()).isEqualTo(uscc);
		assertThat(enterprise.getCountyCode()).isEqualTo(EMEISHAN);

		String wrongCheckCharacter = uscc.substring(0, 17) + (uscc.charAt(17) == '0' ? '1' : '0');
		var refused = catchThrowableOfType(HttpClientErrorException.class, () -> registry.createEnterprise(new EnterpriseForm()
			.uscc(wrongCheckCharacter).name("客户端测试企业").countyCode(EMEISHAN).industryCode("3011").keyEnergyUnit(false)));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		Problem problem = refused.getResponseBodyAs(Problem.class);
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getErrors()).singleElement().satisfies(error -> {
			assertThat(error.getField()).isEqualTo("uscc");
			assertThat(error.getMessage()).contains("check character");
		});
	}

	@Test
	void theCalculatorAnswersWithEachLinesFigures() {
		String officer = fixtures.countyOfficer(EMEISHAN);

		var result = new AccountingApi(basic(officer, Fixtures.PASSWORD)).calculateEmissions(new CalculationRequest().year(2024).lines(List.of(
				new ActivityLine().type(ActivityLine.TypeEnum.FUEL).factorCode("NATURAL-GAS").quantity(new BigDecimal("120")).unit("10^4 Nm3"),
				new ActivityLine().type(ActivityLine.TypeEnum.ELECTRICITY).quantity(new BigDecimal("2000000")).unit("kWh")
					.greenKwh(new BigDecimal("500000")),
				new ActivityLine().type(ActivityLine.TypeEnum.HEAT).quantity(new BigDecimal("800")).unit("GJ"))));

		assertThat(result.getGridRegion()).isEqualTo("SICHUAN");
		// 120 × 389.31 × 15.3 ÷ 1000 × 0.99 × 44/12; 2000 MWh × 0.1564 (Sichuan 2023); 800 GJ × 0.11
		assertThat(result.getLines()).extracting(line -> line.getCo2T().stripTrailingZeros())
			.containsExactly(new BigDecimal("2594.626571"), new BigDecimal("312.8"), new BigDecimal("88"));
		assertThat(result.getLines().get(0).getFactors().get(0).getCode()).isEqualTo("NATURAL-GAS");
		assertThat(result.getTotals().getTotalCo2T()).isEqualByComparingTo("2995.426571");
	}

	@Test
	void anEnterpriseRegistersAMeterAndAGatewayWhichSendsReadingsWithItsDeviceToken() {
		var enterprise = fixtures.enterprise(EMEISHAN, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, enterprise.id(), Set.of());
		MonitoringApi monitoring = new MonitoringApi(basic(user, Fixtures.PASSWORD));

		var meter = monitoring.registerMeter(enterprise.id(), new MeterForm().code("E-01").name("1# 主变 main transformer")
			.energyCode("ELECTRICITY").unit("kWh").kind(MeterForm.KindEnum.INTERVAL).multiplier(BigDecimal.ONE)
			.intervalMinutes(15).maxPerInterval(new BigDecimal("50000")).active(true));
		var gateway = monitoring.registerGateway(enterprise.id(), new GatewayName().name("1# 网关"));

		assertThat(meter.getId()).isPositive();
		assertThat(meter.getEnterpriseId()).isEqualTo(enterprise.id());
		assertThat(gateway.getToken()).startsWith("ppd_");

		String end = LocalDate.now(BEIJING).minusDays(1).atTime(10, 15).atZone(BEIJING).toOffsetDateTime().toString();
		var answer = new MonitoringApi(bearer(gateway.getToken())).postReadings(new ReadingsBatch().batchId("client-000001")
			.readings(List.of(new ReadingIn().meter("E-01").ts(end).value(new BigDecimal("1234.5")).unit("kWh"))));

		assertThat(answer.getBatchId()).isEqualTo("client-000001");
		assertThat(answer.getReceived()).isEqualTo(1);
		assertThat(answer.getStored()).isEqualTo(1);
		assertThat(answer.getRejected()).isEmpty();
	}

	@Test
	void anEnterpriseSavesAMonthlyReportAndSubmitsIt() {
		var enterprise = fixtures.enterprise(EMEISHAN, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, enterprise.id(), Set.of());
		ReportsApi reports = new ReportsApi(basic(user, Fixtures.PASSWORD));

		Report saved = reports.saveReport(enterprise.id(), 2025, 3, new ReportContent().outputValue10kCny(new BigDecimal("4000"))
			.valueAdded10kCny(new BigDecimal("1000")).lines(List.of(new ReportLine()
				.line(new ActivityLine().type(ActivityLine.TypeEnum.ELECTRICITY).quantity(new BigDecimal("2000000")).unit("kWh")))));

		assertThat(saved.getStatus()).isEqualTo(Report.StatusEnum.DRAFT);
		// 2000 MWh × 0.1564 (Sichuan 2023, the latest year not after 2025)
		assertThat(saved.getSummary().getTotalCo2T()).isEqualByComparingTo("312.8");

		Report submitted = reports.submitReport(saved.getId());

		assertThat(submitted.getStatus()).isEqualTo(Report.StatusEnum.SUBMITTED);
		assertThat(submitted.getSubmittedBy()).isEqualTo(user);
	}
}
