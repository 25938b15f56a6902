package org.peakpilot.power.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.shared.CsvTable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The bundled made-up profile ({@value SyntheticLeshanPower#FILE}, 示例数据（虚构）) as a generator, and as the
 * fallback of the modelled fill: the grid zone's hour-of-day average of a month (intensity per basis and load),
 * computed from the generated hours of that month with imports at their official factor.
 */
@Component
public class BundledProfile {

	private final PilotPlan plan;
	private final TechnologyFactors factors;
	private final OfficialGridFactors officials;
	private final Map<YearMonth, IntensityComputation.HourFigures[]> months = new ConcurrentHashMap<>();

	BundledProfile(PilotPlan plan, TechnologyFactors factors, OfficialGridFactors officials) {
		this.plan = plan;
		this.factors = factors;
		this.officials = officials;
	}

	private volatile SyntheticLeshanPower cached;

	/** A generator over the plan's profile with the technology and official factors as they were at first use. */
	public SyntheticLeshanPower generator() {
		SyntheticLeshanPower g = cached;
		if (g == null) {
			g = fresh();
			cached = g;
		}
		return g;
	}

	/** Forgets the generator and the month profiles (after the factors changed). */
	public void reset() {
		cached = null;
		months.clear();
	}

	private SyntheticLeshanPower fresh() {
		var ef = factors.all();
		OfficialGridFactors.Lookup lookup = officials.lookup();
		return new SyntheticLeshanPower(CsvTable.parse(text()), ef.get(PowerTechnology.COAL).gPerKwh().doubleValue(),
				ef.get(PowerTechnology.GAS).gPerKwh().doubleValue(), (zone, year) -> lookup.of(zone, year).orElse(null));
	}

	String text() {
		return plan.planText(SyntheticLeshanPower.FILE).orElseGet(() -> {
			try {
				return new ClassPathResource("plans/leshan/" + SyntheticLeshanPower.FILE).getContentAsString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** The profile's hour-of-day average of the month for the grid zone it describes; empty for other zones. */
	Optional<IntensityComputation.HourFigures> hourOfDay(String zone, YearMonth month, int hourOfDay) {
		SyntheticLeshanPower g;
		try {
			g = generator();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		if (!g.gridZone().equals(zone)) {
			return Optional.empty();
		}
		return Optional.ofNullable(months.computeIfAbsent(month, m -> compute(g, m))[hourOfDay]);
	}

	private IntensityComputation.HourFigures[] compute(SyntheticLeshanPower g, YearMonth m) {
		var ef = factors.all();
		double coal = ef.get(PowerTechnology.COAL).gPerKwh().doubleValue();
		double gas = ef.get(PowerTechnology.GAS).gPerKwh().doubleValue();
		OfficialGridFactors.Lookup lookup = officials.lookup();
		double[] p = new double[24];
		double[] c = new double[24];
		double[] l = new double[24];
		int[] n = new int[24];
		Instant from = m.atDay(1).atStartOfDay(IntensityComputation.BEIJING).toInstant();
		Instant to = m.plusMonths(1).atDay(1).atStartOfDay(IntensityComputation.BEIJING).toInstant();
		double k = g.calibration(m.getYear()).coalScale();
		for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
			SyntheticLeshanPower.GridHour x = g.gridHour(h, k);
			int hod = h.atZone(IntensityComputation.BEIJING).getHour();
			double imp = lookup.of(x.month().importFrom(), m.getYear()).map(o -> o.gPerKwh().doubleValue()).orElse(0.0);
			double pe = x.coal() * coal + x.gas() * gas;
			p[hod] += pe / x.generation();
			c[hod] += (pe + x.imports() * imp) / (x.generation() + x.imports());
			l[hod] += x.generation() + x.imports() - x.exports();
			n[hod]++;
		}
		IntensityComputation.HourFigures[] out = new IntensityComputation.HourFigures[24];
		for (int h = 0; h < 24; h++) {
			if (n[h] > 0) {
				out[h] = new IntensityComputation.HourFigures(round(p[h] / n[h]), round(c[h] / n[h]), round(l[h] / n[h]), null, null, true);
			}
		}
		return out;
	}

	private static BigDecimal round(double v) {
		return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP);
	}
}
