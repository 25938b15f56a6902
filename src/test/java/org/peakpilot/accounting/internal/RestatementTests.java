package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peakpilot.Fixtures;
import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.accounting.StoredResult;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Cny10k;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.WUTONGQIAO;

/**
 * Restatement after a factor publication: the bulk path stores the same rows and audit records as the per-report
 * path, touches exactly the reports whose current results used the factor, and keeps every earlier computation as
 * history with the factor version that produced it. Own schema; from 4 touched reports on, publication goes bulk.
 */
// Own context: a low bulk-restatement threshold; accounting and the modules it depends on suffice
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the monitoring module's MQTT health, which this module test does not start
@TestPropertySource(properties = { "peakpilot.test.schema=pp_restatement", "peakpilot.accounting.bulk-restatement-from=4",
		"management.endpoint.health.validate-group-membership=false" })
@ExtendWith(OutputCaptureExtension.class)
@org.springframework.context.annotation.Import(RestatementTests.ClaimsStandIn.class)
class RestatementTests {

	/**
	 * The power module (which answers {@link org.peakpilot.accounting.CertifiedGreenElectricity} from its claims) is not
	 * in this module test: a stand-in reads the same claims table, which {@link org.peakpilot.GreenClaimFixture} fills.
	 */
	@org.springframework.boot.test.context.TestConfiguration
	static class ClaimsStandIn {
		@org.springframework.context.annotation.Bean
		org.peakpilot.accounting.CertifiedGreenElectricity claimedGreenElectricityStandIn(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
			return (enterpriseId, year) -> jdbc.sql("SELECT coalesce(sum(mwh), 0) * 1000 FROM power_green_claim WHERE enterprise_id = :e AND year = :y")
				.param("e", enterpriseId).param("y", year).query(BigDecimal.class).single();
		}
	}

	/** Green kWh of a report need claimed green certificates (issue 15): {@link org.peakpilot.GreenClaimFixture}. */
	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient greenJdbc;

	@Autowired
	EmissionsAccounting accounting;

	@Autowired
	MonthlyReports reports;

	@Autowired
	FactorLibrary library;

	@Autowired
	Restatements restatements;

	@Autowired
	AccountingSettings settings;

	@Autowired
	BulkRecompute bulk;

	@Autowired
	AuditLog audit;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	Fixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
	}

	static ReportLine line(LineType type, String factorCode, String quantity, String unit, String green, EnergyUse use) {
		return new ReportLine(new Line(type, factorCode, new BigDecimal(quantity), unit, null, null, green == null ? null : new BigDecimal(green),
				null, null, null, null, null, null, "line " + type), use);
	}

	/** Natural gas (also as feedstock), coal, electricity with a green share, heat, carbonate. */
	static List<ReportLine> ceramics(int month) {
		return List.of(line(LineType.FUEL, "NATURAL-GAS", String.valueOf(200000 + month * 999), "Nm3", null, EnergyUse.ENERGY),
				line(LineType.FUEL, "NATURAL-GAS", "1500", "Nm3", null, EnergyUse.FEEDSTOCK),
				line(LineType.FUEL, "BITUMINOUS-COAL", "75.5", "t", null, EnergyUse.ENERGY),
				line(LineType.ELECTRICITY, null, "1200000", "kWh", "100000", EnergyUse.ENERGY),
				line(LineType.HEAT, null, "300", "GJ", null, EnergyUse.ENERGY),
				line(LineType.CARBONATE, "CARBONATE-CACO3", "40", "t", null, EnergyUse.FEEDSTOCK));
	}

	long save(RegistryModel.Enterprise e, int year, int month, List<ReportLine> lines) {
		// green kWh need claimed green certificates (issue 15): claim what this report states
		long greenKwh = lines.stream().filter(l -> l.line().type() == LineType.ELECTRICITY && l.line().greenKwh() != null)
			.mapToLong(l -> l.line().greenKwh().longValueExact()).sum();
		if (greenKwh > 0) {
			org.peakpilot.GreenClaimFixture.claimDirect(greenJdbc, e.id(), year, greenKwh / 1000);
		}
		return SystemActor.call("test", () -> accounting.saveReport(e.id(), year, month,
				new ReportContent(Cny10k.of(new BigDecimal("3000")), Cny10k.of(new BigDecimal("800")), lines, List.of())).id());
	}

	List<StoredResult> history(long reportId) {
		return SystemActor.call("test", () -> reports.resultHistory(reportId));
	}

	List<StoredResult> current(long reportId) {
		return history(reportId).stream().filter(r -> r.supersededAt() == null).sorted(Comparator.comparingInt(StoredResult::lineNo)).toList();
	}

	/** Everything a stored line says except its own ID and time. */
	static List<Object> content(StoredResult r) {
		return List.of(r.lineNo(), r.scope(), r.category(), r.energyUse(), r.co2T(), r.co2MarketT(), r.tce(), String.valueOf(r.tceEqualValue()),
				String.valueOf(r.energyGj()), r.factors(), r.formula(), r.notesJson(), r.computedBy(), r.reason(), r.supersededAt() == null);
	}

	List<AuditLog.AuditEvent> restated(List<Long> ids) {
		List<AuditLog.AuditEvent> events = SystemActor.call("test", () -> audit.recent("report", 500, 0));
		return events.stream().filter(e -> e.action().equals("report.restated") && ids.contains(Long.valueOf(e.entityId())))
			.sorted(Comparator.comparing(e -> Long.valueOf(e.entityId()))).toList();
	}

	@Test
	void theBulkAndThePerReportRestatementStoreTheSameRowsHistoryAndAuditRecords() {
		RegistryModel.Enterprise a = fixtures.enterprise(WUTONGQIAO, "3071", null);
		RegistryModel.Enterprise b = fixtures.enterprise(WUTONGQIAO, "3071", null);
		List<Long> perReport = new ArrayList<>();
		List<Long> inBulk = new ArrayList<>();
		for (int month = 1; month <= 3; month++) {
			perReport.add(save(a, 2024, month, ceramics(month)));
			inBulk.add(save(b, 2024, month, ceramics(month)));
		}
		List<StoredResult> before = current(perReport.get(0));

		// a new version of natural gas, then each half restated by one path in one transaction
		Set<?>[] years = new Set<?>[2];
		SystemActor.run("test", () -> transaction.executeWithoutResult(status -> {
			jdbc.sql("""
					INSERT INTO accounting_factor (code, version, kind, name_zh, name_en, value, unit, activity_unit, ncv, ncv_unit,
					    carbon_content_tc_per_tj, oxidation_rate, tce_per_unit, region_code, year, sector, method_note, source, tag,
					    effective_from, effective_to, published_by, published_at, change_note)
					SELECT code, 2, kind, name_zh, name_en, value, unit, activity_unit, ncv * 1.01, ncv_unit, carbon_content_tc_per_tj, oxidation_rate,
					    tce_per_unit, region_code, year, sector, method_note, '[unverified] test: corrected NCV', 'UNVERIFIED',
					    DATE '2024-01-01', NULL, 'test', now(), 'test'
					FROM accounting_factor WHERE code = 'NATURAL-GAS' AND version = 1
					""").update();
			Factor published = library.history("NATURAL-GAS").get(0);
			years[0] = reports.restate(published, perReport, library.current(), settings.gridRegion());
			years[1] = bulk.restate(published, inBulk, settings.gridRegion());
		}));

		assertThat(years[0]).isEqualTo(Set.of(2024)).isEqualTo(years[1]);
		for (int i = 0; i < perReport.size(); i++) {
			List<StoredResult> one = history(perReport.get(i));
			List<StoredResult> other = history(inBulk.get(i));
			assertThat(one).hasSize(2 * ceramics(1).size());
			assertThat(other.stream().map(RestatementTests::content).toList()).isEqualTo(one.stream().map(RestatementTests::content).toList());
		}
		List<StoredResult> after = current(inBulk.get(0));
		assertThat(after.get(0).co2T().value()).isNotEqualByComparingTo(before.get(0).co2T().value());
		assertThat(after.get(0).reason()).isEqualTo("restated: factor NATURAL-GAS version 2");
		// the line names the version; its source and tag come from the library
		assertThat(after.get(0).factors()).singleElement().satisfies(f -> {
			assertThat(f.version()).isEqualTo(2);
			assertThat(f.source()).isEqualTo("[unverified] test: corrected NCV");
			assertThat(f.tag()).isEqualTo(Factor.Tag.UNVERIFIED);
			assertThat(f.verified()).isFalse();
		});
		assertThat(after.get(2).factors()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("BITUMINOUS-COAL"));
		assertThat(restated(inBulk)).hasSize(3);
		assertThat(restated(inBulk).stream().map(e -> List.of(e.actor(), e.before(), e.after())).toList())
			.isEqualTo(restated(perReport).stream().map(e -> List.of(e.actor(), e.before(), e.after())).toList());
	}

	/**
	 * The per-report path asks the library one code (or one region) at a time, the bulk path loads it whole; both ask
	 * {@link FactorsInForce} and so choose the same version for every code, grid region and year, here also with a
	 * second version in force from the middle of a year (rolled back afterwards).
	 */
	@Test
	void thePerReportAndTheBulkPathChooseTheSameFactorVersions() {
		transaction.executeWithoutResult(status -> {
			jdbc.sql("""
					INSERT INTO accounting_factor (code, version, kind, name_zh, name_en, value, unit, activity_unit, ncv, ncv_unit,
					    carbon_content_tc_per_tj, oxidation_rate, tce_per_unit, region_code, year, sector, method_note, source, tag,
					    effective_from, effective_to, published_by, published_at, change_note)
					SELECT code, (SELECT max(version) + 1 FROM accounting_factor WHERE code = 'BITUMINOUS-COAL'), kind, name_zh, name_en,
					    value, unit, activity_unit, ncv, ncv_unit, carbon_content_tc_per_tj, oxidation_rate, tce_per_unit, region_code,
					    year, sector, method_note, '[unverified] test: mid-year version', 'UNVERIFIED', DATE '2025-07-01',
					    DATE '2026-06-30', 'test', now(), 'test'
					FROM accounting_factor WHERE code = 'BITUMINOUS-COAL' AND version = 1
					""").update();
			List<Factor> all = jdbc.sql("SELECT * FROM accounting_factor").query(FactorLibrary::row).list();
			Calculator.Factors perReport = library.current();
			FactorsInForce loaded = FactorsInForce.of(all);
			Set<String> codes = new java.util.TreeSet<>(all.stream().map(Factor::code).toList());
			Set<String> regions = new java.util.TreeSet<>(all.stream().filter(f -> f.regionCode() != null).map(Factor::regionCode).toList());
			regions.add("999999");
			assertThat(codes).hasSizeGreaterThan(20);
			assertThat(regions).contains(settings.gridRegion());
			int chosen = 0;
			for (int year = 2014; year <= 2030; year++) {
				for (String code : codes) {
					assertThat(perReport.inForce(code, year)).as(code + " in " + year).isEqualTo(loaded.inForce(code, year));
					chosen += loaded.inForce(code, year).isPresent() ? 1 : 0;
				}
				for (String region : regions) {
					assertThat(perReport.grid(region, year)).as("grid of " + region + " in " + year).isEqualTo(loaded.grid(region, year));
				}
			}
			assertThat(chosen).isPositive();
			assertThat(perReport.inForce("BITUMINOUS-COAL", 2025).orElseThrow().source()).isEqualTo("[unverified] test: mid-year version");
			assertThat(perReport.inForce("BITUMINOUS-COAL", 2027).orElseThrow().version()).isEqualTo(1);
			assertThat(perReport.grid(settings.gridRegion(), 2030)).isPresent();
			status.setRollbackOnly();
		});
	}

	@Test
	void aPublicationRestatesExactlyTheAffectedMonthsInOnePassAndKeepsEveryVersionAsHistory(CapturedOutput output) {
		RegistryModel.Enterprise e = fixtures.enterprise(JIAJIANG, "3071", null);
		List<Long> withElectricity = new ArrayList<>();
		for (int month = 1; month <= 4; month++) {
			withElectricity.add(save(e, 2025, month, List.of(line(LineType.FUEL, "BITUMINOUS-COAL", "50", "t", null, EnergyUse.ENERGY),
					line(LineType.ELECTRICITY, null, String.valueOf(1000 * month), "MWh", null, EnergyUse.ENERGY))));
		}
		long coalOnly = save(e, 2025, 5, List.of(line(LineType.FUEL, "BITUMINOUS-COAL", "50", "t", null, EnergyUse.ENERGY)));
		long earlier = save(e, 2024, 12, List.of(line(LineType.ELECTRICITY, null, "1000", "MWh", null, EnergyUse.ENERGY)));
		String grid = current(withElectricity.get(0)).get(1).factors().get(0).code();
		List<StoredResult> coalOnlyBefore = history(coalOnly);
		List<StoredResult> earlierBefore = history(earlier);

		for (String value : List.of("0.2", "0.25")) {
			SystemActor.run("test", () -> restatements.publish(grid, new Restatements.NewVersion(new BigDecimal(value),
					"[unverified] test: announcement " + value, null, LocalDate.of(2025, 1, 1), null, "test")));
		}

		assertThat(output).contains("Restated 4 of 4 reports of [2025] after factor " + grid + " version 2 in one pass")
			.contains("after factor " + grid + " version 3 in one pass");
		for (int i = 0; i < withElectricity.size(); i++) {
			long id = withElectricity.get(i);
			BigDecimal mwh = new BigDecimal(1000 * (i + 1));
			List<StoredResult> history = history(id);
			// newest first: three computations of two lines each, the electricity line naming versions 3, 2, 1
			assertThat(history).hasSize(6);
			List<StoredResult> electricity = history.stream().filter(r -> r.lineNo() == 1).toList();
			assertThat(electricity).extracting(r -> r.factors().get(0).version()).containsExactly(3, 2, 1);
			assertThat(electricity.get(0).co2T().value()).isEqualByComparingTo(mwh.multiply(new BigDecimal("0.25")));
			assertThat(electricity.get(1).co2T().value()).isEqualByComparingTo(mwh.multiply(new BigDecimal("0.2")));
			assertThat(electricity).extracting(StoredResult::reason).containsExactly("restated: factor " + grid + " version 3",
					"restated: factor " + grid + " version 2", "entered");
			assertThat(electricity.get(1).factors().get(0).source()).isEqualTo("[unverified] test: announcement 0.2");
			assertThat(electricity).extracting(r -> r.supersededAt() == null).containsExactly(true, false, false);
			// the coal line did not change, but the report is restated whole, as on the per-report path
			assertThat(history.stream().filter(r -> r.lineNo() == 0).map(StoredResult::co2T).distinct()).hasSize(1);
		}
		assertThat(history(coalOnly)).isEqualTo(coalOnlyBefore);
		assertThat(history(earlier)).isEqualTo(earlierBefore);
		assertThat(restated(withElectricity)).hasSize(8);
		assertThat(restated(List.of(coalOnly, earlier))).isEmpty();
		Map<String, Object> counts = jdbc.sql("""
				SELECT count(*) FILTER (WHERE superseded_at IS NULL) AS current, count(*) AS all
				FROM accounting_computation WHERE report_id = ANY(:ids)
				""").param("ids", withElectricity.toArray(Long[]::new)).query().singleRow();
		assertThat(counts).containsEntry("current", 4L).containsEntry("all", 12L);
	}
}
