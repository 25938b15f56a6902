package org.peakpilot.budget.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;
import org.springframework.core.io.Resource;

/**
 * The made-up county figures of the plan folder's {@code demo/budget-counties.csv} (示例数据（虚构）): GDP 2024,
 * population, CO2 2022–2024, forecast GDP, decline rate and weight per county-level division. The demo budget is
 * allocated from them ({@link DemoBudget}), and the allocation workspace offers them when no version holds inputs yet.
 * Base emissions are the 2022–2024 mean, the base intensity CO2 2024 ÷ GDP 2024, both to 6 decimals.
 */
public final class DemoCounties {

	public static final String FILE = "demo/budget-counties.csv";

	/** The source text shown wherever these figures appear. */
	public static final String SOURCE = "示例数据（虚构）Demo data, made up";

	private static final String HEADER = "code,name,gdp_2024_10k_cny,population,co2_2022_t,co2_2023_t,co2_2024_t,forecast_gdp_10k_cny,decline_rate,weight";

	/** One county's made-up figures: GDP in 10k CNY, population in persons, CO2 in tCO2, the decline as a fraction. */
	public record County(String code, String name, BigDecimal gdp2024, BigDecimal population, BigDecimal co2y2022, BigDecimal co2y2023,
			BigDecimal co2y2024, BigDecimal forecastGdp, BigDecimal declineRate, BigDecimal weight) {

		/** Mean CO2 of 2022–2024, tCO2, 6 decimals. */
		public BigDecimal baseEmissions() {
			return co2y2022.add(co2y2023).add(co2y2024).divide(BigDecimal.valueOf(3), Rounding.SCALE, RoundingMode.HALF_UP);
		}

		/** CO2 2024 ÷ GDP 2024, tCO2 per 10k CNY, 6 decimals. */
		public BigDecimal baseIntensity() {
			return co2y2024.divide(gdp2024, Rounding.SCALE, RoundingMode.HALF_UP);
		}

		public BudgetAllocation.Holder holder() {
			return new BudgetAllocation.Holder(code, Cny10k.of(gdp2024), population, Tco2.of(baseEmissions()), Tco2PerCny10k.of(baseIntensity()),
					Cny10k.of(forecastGdp), declineRate, weight);
		}
	}

	private DemoCounties() {
	}

	static final BigDecimal PERIOD_CUT = new BigDecimal("0.17");
	static final int PERIOD_FIRST = 2026;
	static final int PERIOD_LAST = 2030;

	/**
	 * The city's draft inputs from the counties' figures: the base intensity is Σ CO2 2024 ÷ Σ GDP 2024 (6 decimals),
	 * the forecast GDP the counties' sum; within the 15th five-year period (2026–2030, an intensity cut of 17 %) the
	 * cut achieved so far is what the required path gives (1 − 0.83^(years gone ÷ 5)), outside it a decline rate of
	 * 3.5 %; a cap of 28 Mt, a reserve of 5 %, a pool of 0.5 Mt and a sink credit of 0.12 Mt.
	 */
	public static BudgetVersions.DraftInputs draftInputs(int year, List<County> counties) {
		BigDecimal co2 = counties.stream().map(County::co2y2024).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal gdp = counties.stream().map(County::gdp2024).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal forecast = counties.stream().map(County::forecastGdp).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal base = co2.divide(gdp, Rounding.SCALE, RoundingMode.HALF_UP);
		boolean inPeriod = year >= PERIOD_FIRST && year <= PERIOD_LAST;
		BigDecimal achieved = inPeriod
				? BigDecimal.valueOf(1 - Math.pow(1 - PERIOD_CUT.doubleValue(), (year - PERIOD_FIRST) / 5.0)).setScale(Rounding.SCALE, RoundingMode.HALF_UP)
				: null;
		return new BudgetVersions.DraftInputs(base, inPeriod ? null : new BigDecimal("0.035"), inPeriod ? PERIOD_CUT : null, achieved,
				inPeriod ? PERIOD_LAST - year + 1 : null, forecast, new BigDecimal("28000000"), new BigDecimal("0.05"), new BigDecimal("500000"),
				new BigDecimal("120000"), SOURCE + ": " + FILE + "（区县 GDP、人口、2022–2024 年排放均为虚构 · county GDP, population and "
						+ "2022–2024 emissions are invented）");
	}

	/** The plan folder's demo counties, empty when it has none. */
	public static List<County> read(PilotPlan plan) {
		return plan.planFile(FILE).map(DemoCounties::parse).orElse(List.of());
	}

	static List<County> parse(Resource resource) {
		List<County> counties = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			boolean header = false;
			int n = 0;
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				n++;
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				if (!header) {
					if (!line.replace("\uFEFF", "").equals(HEADER)) {
						throw new IllegalStateException(FILE + " line " + n + ": the header must read " + HEADER);
					}
					header = true;
					continue;
				}
				String[] f = line.split(",", -1);
				if (f.length != 10) {
					throw new IllegalStateException(FILE + " line " + n + ": 10 columns expected, got " + f.length);
				}
				try {
					counties.add(new County(f[0].strip(), f[1].strip(), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]), d(f[9])));
				}
				catch (NumberFormatException ex) {
					throw new IllegalStateException(FILE + " line " + n + ": a figure is no number", ex);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.copyOf(counties);
	}

	private static BigDecimal d(String s) {
		return new BigDecimal(s.strip());
	}
}
