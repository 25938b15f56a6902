package org.peakpilot.power.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EmissionsAccounting.FactorQuery;
import org.peakpilot.accounting.Factor;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.StartupLock;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.shared.CsvTable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The direct-emission factor of each generation technology (gCO2/kWh), written at start into
 * {@code power_technology_factor} from the plan folder's {@value #FILE} and accounting's factor library:
 * <ul>
 * <li>{@code ZERO}: hydro, wind, solar, nuclear have no direct (combustion) emissions, by convention;</li>
 * <li>{@code FUEL_HEAT_RATE}: coal and gas = the fuel's CO2 per MJ from the library (carbon content tC/TJ × oxidation
 * rate × 44/12, GB/T 32151 defaults) × the row's heat rate (kgce/kWh) × 29.3076 MJ/kgce (GB/T 2589); e.g. coal
 * 26.1 × 0.93 × 44/12 = 89.001 g/MJ × 0.300 × 29.3076 = 782.52 g/kWh. The result carries the weakest tag of its
 * inputs: the heat rates are [unverified], so coal and gas are UNVERIFIED.</li>
 * </ul>
 * No factor is invented: a row whose fuel is not in the library fails the start.
 */
@Component
@Order(27)
public class TechnologyFactors implements ApplicationRunner {

	static final String FILE = "power-technology-factors.csv";
	static final BigDecimal MJ_PER_KGCE = new BigDecimal("29.3076");
	static final BigDecimal CO2_PER_C = new BigDecimal("44").divide(new BigDecimal("12"), 20, RoundingMode.HALF_UP);

	/** A technology's factor, its tag and how it was derived. */
	public record TechnologyFactor(PowerTechnology technology, BigDecimal gPerKwh, String tag, String derivation) {
	}

	private final JdbcClient jdbc;
	private final PilotPlan plan;
	private final EmissionsAccounting accounting;
	private final Clock clock;

	private final StartupLock startup;

	TechnologyFactors(JdbcClient jdbc, PilotPlan plan, EmissionsAccounting accounting, Clock clock, StartupLock startup) {
		this.startup = startup;
		this.jdbc = jdbc;
		this.plan = plan;
		this.accounting = accounting;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		// two instances starting at once derive one after the other (issue 16)
		startup.exclusively("power.technologyFactors", () -> SystemActor.run("power-technology-factors", this::refresh));
	}

	/** Derives every technology's factor again and stores it. */
	public void refresh() {
		List<TechnologyFactor> factors = derive(table(), accounting.factors(new FactorQuery(Factor.Kind.FUEL, null, false)));
		for (TechnologyFactor f : factors) {
			jdbc.sql("""
					INSERT INTO power_technology_factor (technology, g_per_kwh, tag, derivation, updated_at) VALUES (:t, :g, :tag, :d, :at)
					ON CONFLICT (technology) DO UPDATE SET g_per_kwh = excluded.g_per_kwh, tag = excluded.tag,
					  derivation = excluded.derivation, updated_at = excluded.updated_at""")
				.param("t", f.technology().name()).param("g", f.gPerKwh()).param("tag", f.tag()).param("d", f.derivation())
				.param("at", java.sql.Timestamp.from(clock.instant())).update();
		}
	}

	/** The stored factors. */
	public Map<PowerTechnology, TechnologyFactor> all() {
		Map<PowerTechnology, TechnologyFactor> m = new EnumMap<>(PowerTechnology.class);
		jdbc.sql("SELECT technology, g_per_kwh, tag, derivation FROM power_technology_factor")
			.query((rs, n) -> new TechnologyFactor(PowerTechnology.valueOf(rs.getString(1)), rs.getBigDecimal(2), rs.getString(3), rs.getString(4)))
			.list().forEach(f -> m.put(f.technology(), f));
		return m;
	}

	CsvTable table() {
		String text = plan.planText(FILE).orElseGet(() -> {
			try {
				return new ClassPathResource("plans/leshan/" + FILE).getContentAsString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		return CsvTable.parse(text);
	}

	/** The factors of the table's rows, fuels from the library's newest FUEL versions. */
	static List<TechnologyFactor> derive(CsvTable table, List<Factor> fuels) {
		List<TechnologyFactor> out = new ArrayList<>();
		for (CsvTable.Row row : table.rows()) {
			PowerTechnology t = PowerTechnology.parse(row.require("technology"))
				.orElseThrow(() -> new IllegalStateException(FILE + " line " + row.line() + ": unknown technology"));
			String source = row.require("source");
			switch (row.require("method")) {
				case "ZERO" -> out.add(new TechnologyFactor(t, BigDecimal.ZERO.setScale(3), tagOf(source), source));
				case "FUEL_HEAT_RATE" -> {
					String code = row.require("fuel_code");
					Factor fuel = fuels.stream().filter(f -> f.code().equals(code)).findFirst()
						.orElseThrow(() -> new IllegalStateException(FILE + " line " + row.line() + ": fuel " + code + " is not in the factor library"));
					BigDecimal heatRate = new BigDecimal(row.require("heat_rate_kgce_per_kwh"));
					BigDecimal perMj = fuel.carbonContentTcPerTj().multiply(fuel.oxidationRate()).multiply(CO2_PER_C);
					BigDecimal g = perMj.multiply(heatRate).multiply(MJ_PER_KGCE).setScale(3, RoundingMode.HALF_UP);
					String tag = weakest(tagOf(source), fuel.tag().name());
					String derivation = "%s: %s tC/TJ × %s × 44/12 = %s gCO2/MJ (%s v%d, %s) × %s kgce/kWh × 29.3076 MJ/kgce = %s gCO2/kWh. %s"
						.formatted(t, fuel.carbonContentTcPerTj().toPlainString(), fuel.oxidationRate().toPlainString(),
								perMj.setScale(3, RoundingMode.HALF_UP).toPlainString(), code, fuel.version(), fuel.tag(),
								heatRate.toPlainString(), g.toPlainString(), source);
					out.add(new TechnologyFactor(t, g, tag, derivation));
				}
				default -> throw new IllegalStateException(FILE + " line " + row.line() + ": unknown method " + row.get("method"));
			}
		}
		return out;
	}

	static String tagOf(String source) {
		Factor.Tag tag = Factor.Tag.of(source);
		return switch (tag) {
			case VERIFIED_SECONDARY, COMPUTED, CONVENTION -> tag.name();
			default -> "UNVERIFIED";
		};
	}

	private static String weakest(String a, String b) {
		if (a.equals("UNVERIFIED") || !Factor.Tag.valueOf(b).verified()) {
			return "UNVERIFIED";
		}
		return a.equals("CONVENTION") ? b : "COMPUTED";
	}
}
