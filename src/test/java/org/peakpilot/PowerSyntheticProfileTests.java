package org.peakpilot;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.peakpilot.power.internal.OfficialGridFactors;
import org.peakpilot.power.internal.PowerTechnology;
import org.peakpilot.power.internal.SyntheticLeshanPower;
import org.peakpilot.shared.CsvTable;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bundled made-up generator (示例数据（虚构）) without Spring: deterministic, shaped by Sichuan's seasons (hydro
 * above 80 % of the year's generation, dry-season coal and imports, solar only by day) and calibrated so that the
 * consumption-weighted yearly average equals the official factor (2023: GRID-SICHUAN-2023 = 156.4 g/kWh; imports from
 * NORTHWEST at GRID-NORTHWEST-2023 = 554.3; coal 782.522 and gas 382.513 g/kWh as TechnologyFactors derives them).
 */
class PowerSyntheticProfileTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	static SyntheticLeshanPower generator() throws IOException {
		String csv = new ClassPathResource("plans/leshan/power-synthetic-profile.csv").getContentAsString(StandardCharsets.UTF_8);
		return new SyntheticLeshanPower(CsvTable.parse(csv), 782.522, 382.513, (zone, year) -> switch (zone) {
			case "SICHUAN" -> new OfficialGridFactors.Official(zone, year, 2023, new BigDecimal("156.4"), "GRID-SICHUAN-2023", "VERIFIED_SECONDARY");
			case "NORTHWEST" -> new OfficialGridFactors.Official(zone, year, 2023, new BigDecimal("554.3"), "GRID-NORTHWEST-2023", "VERIFIED_SECONDARY");
			default -> null;
		});
	}

	@Test
	void aYearIsCalibratedToTheOfficialFactorAndShapedByTheSeasons() throws IOException {
		SyntheticLeshanPower g = generator();
		var c = g.calibration(2023);
		assertThat(c.achievedGPerKwh()).isCloseTo(156.4, within(0.01));
		System.out.println("calibration " + c);
		assertThat(c.coalScale()).isBetween(0.5, 1.5);
		Map<PowerTechnology, double[]> byMonth = new EnumMap<>(PowerTechnology.class);
		double[] imports = new double[13];
		List<Double> nightSolar = new ArrayList<>();
		g.generate(LocalDate.of(2023, 1, 1).atStartOfDay(BEIJING).toInstant(), LocalDate.of(2024, 1, 1).atStartOfDay(BEIJING).toInstant(),
				new SyntheticLeshanPower.Sink() {
					@Override
					public void generation(String zone, Instant hour, PowerTechnology t, double mwh) {
						if (zone.equals("SICHUAN")) {
							var z = hour.atZone(BEIJING);
							byMonth.computeIfAbsent(t, k -> new double[13])[z.getMonthValue()] += mwh;
							if (t == PowerTechnology.SOLAR && (z.getHour() < 6 || z.getHour() > 20)) {
								nightSolar.add(mwh);
							}
						}
						assertThat(mwh).isGreaterThanOrEqualTo(0);
					}

					@Override
					public void interchange(String zone, Instant hour, String counterpart, double imp, double exp) {
						if (zone.equals("SICHUAN")) {
							imports[hour.atZone(BEIJING).getMonthValue()] += imp;
						}
					}
				});
		double hydro = sum(byMonth.get(PowerTechnology.HYDRO));
		double all = byMonth.values().stream().mapToDouble(PowerCarbonSums::sum).sum();
		System.out.println("hydro share " + hydro / all);
		assertThat(hydro / all).isGreaterThan(0.80);
		assertThat(byMonth.get(PowerTechnology.COAL)[1]).isGreaterThan(3 * byMonth.get(PowerTechnology.COAL)[7]);
		assertThat(imports[1]).isGreaterThan(5 * imports[7]);
		assertThat(nightSolar).allMatch(v -> v == 0);
	}

	@Test
	void anHourComesOutTheSameWhicheverPeriodIsGenerated() throws IOException {
		Instant h = LocalDate.of(2024, 8, 3).atTime(14, 0).atZone(BEIJING).toInstant();
		List<String> a = new ArrayList<>();
		List<String> b = new ArrayList<>();
		generator().generate(h, h.plusSeconds(3600), sink(a));
		generator().generate(h.minusSeconds(3600 * 48), h.plusSeconds(3600), sink(b));
		assertThat(b.subList(b.size() - a.size(), b.size())).isEqualTo(a);
		assertThat(a).isNotEmpty();
	}

	private static SyntheticLeshanPower.Sink sink(List<String> out) {
		return new SyntheticLeshanPower.Sink() {
			@Override
			public void generation(String zone, Instant hour, PowerTechnology t, double mwh) {
				out.add(zone + hour + t + String.format("%.3f", mwh));
			}

			@Override
			public void interchange(String zone, Instant hour, String counterpart, double imp, double exp) {
				out.add(zone + hour + counterpart + String.format("%.3f/%.3f", imp, exp));
			}
		};
	}

	private static double sum(double[] v) {
		return PowerCarbonSums.sum(v);
	}

	static final class PowerCarbonSums {
		static double sum(double[] v) {
			double s = 0;
			for (double x : v) {
				s += x;
			}
			return s;
		}
	}
}
