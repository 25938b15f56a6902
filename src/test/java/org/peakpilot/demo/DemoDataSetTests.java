package org.peakpilot.demo;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.shared.Uscc;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peakpilot.Counties.SHAWAN;

class DemoDataSetTests {

	private static final String LESHAN = "classpath:plans/leshan/";

	private final DefaultResourceLoader resources = new DefaultResourceLoader();

	private Optional<Resource> leshan(String name) {
		Resource r = resources.getResource(LESHAN + name);
		return r.exists() ? Optional.of(r) : Optional.empty();
	}

	@Test
	void derivesValidCodesWithTheCountyThatAreTheSameOnEveryRun() {
		String code = DemoDataSet.uscc(SHAWAN, "shawan-steel");
		assertThat(Uscc.problemWith(code)).isNull();
		assertThat(new Uscc(code).registrationRegion()).isEqualTo(SHAWAN);
		assertThat(code).startsWith("91");
		assertThat(DemoDataSet.uscc(SHAWAN, "shawan-steel")).isEqualTo(code);
		assertThat(DemoDataSet.uscc(SHAWAN, "shawan-iron")).isNotEqualTo(code);
	}

	@Test
	void leshanDemoEnterprisesAreLabelledMadeUpAndHaveDistinctValidCodes() {
		DemoDataSet data = DemoDataSet.read(this::leshan);
		assertThat(data.enterprises()).hasSizeGreaterThanOrEqualTo(10)
			.allSatisfy(e -> {
				assertThat(e.name()).startsWith("示例").endsWith("（虚构）");
				assertThat(Uscc.problemWith(e.uscc())).isNull();
				assertThat(e.uscc().substring(2, 8)).isEqualTo(e.countyCode());
			});
		assertThat(data.enterprises().stream().map(DemoDataSet.Enterprise::uscc).distinct()).hasSameSizeAs(data.enterprises());
		assertThat(data.enterprises()).anyMatch(DemoDataSet.Enterprise::keyEnergyUnit)
			.anyMatch(e -> !e.keyEnergyUnit());
	}

	@Test
	void leshanDemoHasAUserForEveryRoleButTheAdministrator() {
		Set<Role> roles = DemoDataSet.read(this::leshan).users().stream().map(DemoDataSet.User::role).collect(Collectors.toSet());
		assertThat(roles).containsExactlyInAnyOrder(Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER,
				Role.ENTERPRISE_USER, Role.VERIFIER, Role.FORESTRY_OFFICER, Role.BANK);
	}

	@Test
	void leshanCarbonInclusiveDemoTablesAreLabelledMadeUpAndConsistent() throws Exception {
		// read by inclusive's DemoInclusive: partners (their demo users), and scenes at 乐山大佛 and 峨眉山 operated by one of them
		String partnersText = leshan("demo/inclusive-partners.csv").orElseThrow().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		String scenesText = leshan("demo/inclusive-scenes.csv").orElseThrow().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(partnersText.lines().findFirst().orElseThrow()).startsWith("# 示例数据（虚构）");
		assertThat(scenesText.lines().findFirst().orElseThrow()).startsWith("# 示例数据（虚构）");
		org.peakpilot.shared.CsvTable partners = withoutComments(partnersText);
		org.peakpilot.shared.CsvTable scenes = withoutComments(scenesText);
		assertThat(partners.rows()).extracting(r -> r.require("kind")).contains("TRANSIT", "SCENIC_AREA");
		assertThat(partners.rows()).allSatisfy(r -> {
			assertThat(r.require("name")).startsWith("示例").endsWith("（虚构）");
			assertThat(r.require("username")).startsWith("demo-");
		});
		Set<String> codes = partners.rows().stream().map(r -> r.require("code")).collect(Collectors.toSet());
		assertThat(scenes.rows()).extracting(r -> r.require("name")).anyMatch(n -> n.contains("乐山大佛")).anyMatch(n -> n.contains("峨眉山"))
			.allSatisfy(n -> assertThat(n).startsWith("示例").endsWith("（虚构）"));
		assertThat(scenes.rows()).allSatisfy(r -> assertThat(codes).contains(r.require("partner_code")));
		// the sink ledger's made-up increments the forestry tickets are issued from (budget's DemoSinks)
		String sinksText = leshan("demo/budget-sinks.csv").orElseThrow().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(sinksText.lines().findFirst().orElseThrow()).startsWith("# 示例数据（虚构）");
		assertThat(withoutComments(sinksText).rows()).isNotEmpty().allSatisfy(r -> {
			assertThat(r.require("verified_by")).startsWith("示例").endsWith("（虚构）");
			assertThat(Integer.parseInt(r.require("years_ago"))).isPositive();
		});
	}

	private static org.peakpilot.shared.CsvTable withoutComments(String text) {
		return org.peakpilot.shared.CsvTable.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")));
	}

	@Test
	void aPlanFolderWithoutDemoTablesIsNamedInTheError() {
		assertThatThrownBy(() -> DemoDataSet.read(name -> Optional.empty()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("demo/enterprises.csv");
	}

	@Test
	void everyKeyEnergyUnitHasMetersAndOneGatewayWhoseLoadStaysWithinTheMetersRanges() {
		DemoDataSet data = DemoDataSet.read(this::leshan);
		DemoMonitoringData monitoring = DemoMonitoringData.read(this::leshan);
		Set<String> keyUnits = data.enterprises().stream().filter(DemoDataSet.Enterprise::keyEnergyUnit).map(DemoDataSet.Enterprise::key)
			.collect(Collectors.toSet());
		assertThat(monitoring.meters().stream().map(DemoMonitoringData.Meter::enterpriseKey).collect(Collectors.toSet())).isEqualTo(keyUnits);
		assertThat(monitoring.gateways()).extracting(DemoMonitoringData.Gateway::enterpriseKey).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(keyUnits);
		assertThat(monitoring.gateways()).anyMatch(g -> g.channel() == DemoMonitoringData.Channel.MQTT)
			.anyMatch(g -> g.channel() == DemoMonitoringData.Channel.HTTP).anyMatch(g -> g.outageFrom() != null);
		assertThat(monitoring.meters()).allSatisfy(m -> {
			assertThat(m.form().intervalMinutes()).isEqualTo(15);
			DemoMonitoringData.Profile p = monitoring.profiles().get(m.profile());
			double peak = java.util.Arrays.stream(p.hours()).max().orElseThrow() * Math.max(1, Math.max(p.saturday(), p.sunday()));
			// the largest quantity the simulator can produce (noise is cut at 3 sigma) fits the meter's range
			assertThat(m.typicalPerInterval() * peak * (1 + 3 * m.noise())).as(m.enterpriseKey() + " " + m.form().code())
				.isLessThanOrEqualTo(m.form().maxPerInterval().doubleValue());
		});
		assertThat(monitoring.meters()).anyMatch(m -> m.form().energyCode().equals("ELECTRICITY") && m.form().multiplier().intValue() > 1)
			.anyMatch(m -> m.form().energyCode().equals("NATURAL-GAS")).anyMatch(m -> m.form().energyCode().equals("HEAT"))
			.anyMatch(m -> m.form().energyCode().equals("BITUMINOUS-COAL"));
	}

	@Test
	void theSimulatedLoadFollowsItsProfileAndIsTheSameOnEveryRun() {
		DemoMonitoringData monitoring = DemoMonitoringData.read(this::leshan);
		DemoMonitoringData.Meter eaf = monitoring.meters().stream().filter(m -> m.profile().equals("STEEL-EAF")).findFirst().orElseThrow();
		DemoLoad a = new DemoLoad("k", eaf, monitoring.profiles().get("STEEL-EAF"), 0);
		DemoLoad b = new DemoLoad("k", eaf, monitoring.profiles().get("STEEL-EAF"), 0);
		// a Wednesday: 03:00–04:00 in the valley tariff hours against 19:00–20:00 in the peak
		java.time.Instant wednesday = java.time.ZonedDateTime.of(2026, 11, 25, 0, 0, 0, 0, DemoLoad.BEIJING).toInstant();
		long night = a.indexAt(wednesday.plusSeconds(4 * 3600));
		long evening = a.indexAt(wednesday.plusSeconds(20 * 3600));
		double nightHour = 0;
		double eveningHour = 0;
		for (int i = 0; i < 4; i++) {
			nightHour += a.quantity(night - i);
			eveningHour += a.quantity(evening - i);
		}
		assertThat(nightHour / eveningHour).isBetween(1.6, 2.5);
		assertThat(a.reading(night)).isEqualTo(b.reading(night));
		assertThat(new java.math.BigDecimal(a.reading(night + 1).value())).isGreaterThan(new java.math.BigDecimal(a.reading(night).value()));
	}
}
