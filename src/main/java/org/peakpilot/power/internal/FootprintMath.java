package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.peakpilot.shared.Rounding;

/**
 * The product footprint's arithmetic, without I/O (whole-plant allocation: all of the plant's electricity and scope 1
 * go to the one product):
 * <pre>
 * hourly:  E_h = Σ_h kWh_h × CI_h (g/kWh; an hour without intensity at the yearly factor) × (1 − GEC kWh ÷ Σ kWh) ÷ 10^6  [t]
 * yearly:  E_y = (kWh − GEC kWh) ÷ 1000 × factor (tCO2/MWh)                                                      [t]
 * ECS:     E_e = kWh × 1,024 g/kWh ÷ 10^6 (the country default; certificates not applied)                        [t]
 * footprint = (E + scope 1 t) × scale ÷ output   (kgCO2/kg: scale 1,000 per kg; gCO2/W: scale 10^6 per W)
 * </pre>
 * GEC-covered kWh count at zero, spread over the hours in proportion to their kWh (a certificate says which MWh is
 * green, not in which hour it was used). GEC kWh beyond the electricity are capped at it.
 */
public final class FootprintMath {

	static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
	static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	private FootprintMath() {
	}

	/** One metered hour: kWh and the hour's intensity (g/kWh), null when the hour has none. */
	public record Hour(Instant hour, BigDecimal kwh, BigDecimal gPerKwh) {
	}

	/**
	 * What goes in: metered hours (empty: none, then the reports' kWh), the reports' kWh, GEC-covered kWh, the yearly
	 * factor (tCO2/MWh), the ECS default (g/kWh), scope 1 (t), the output in the footprint's denominator unit (kg or W)
	 * and the scale from t to the footprint's numerator per that unit (1,000 for kg/kg, 10^6 for g/W).
	 */
	public record Inputs(List<Hour> hours, BigDecimal reportKwh, BigDecimal gecKwh, BigDecimal yearlyFactorTPerMwh,
			BigDecimal ecsGPerKwh, BigDecimal scope1T, BigDecimal output, BigDecimal scale) {
	}

	/**
	 * What comes out; {@code electricityHourlyT} and {@code hourly} are null without metered hours, the ECS figures
	 * without an ECS default in the plan.
	 */
	public record Outcome(BigDecimal electricityKwh, BigDecimal gecKwh, int hoursMetered, int hoursWithIntensity,
			BigDecimal electricityHourlyT, BigDecimal electricityYearlyT, BigDecimal electricityEcsT, BigDecimal hourly,
			BigDecimal yearly, BigDecimal ecs) {
	}

	public static Outcome compute(Inputs in) {
		boolean metered = !in.hours().isEmpty();
		BigDecimal kwh = metered ? in.hours().stream().map(Hour::kwh).reduce(BigDecimal.ZERO, BigDecimal::add) : in.reportKwh();
		BigDecimal gec = in.gecKwh().min(kwh);
		BigDecimal hourlyT = null;
		int withIntensity = 0;
		if (metered) {
			BigDecimal yearlyG = in.yearlyFactorTPerMwh().multiply(THOUSAND);
			BigDecimal grams = BigDecimal.ZERO;
			for (Hour h : in.hours()) {
				if (h.gPerKwh() != null) {
					withIntensity++;
				}
				grams = grams.add(h.kwh().multiply(h.gPerKwh() == null ? yearlyG : h.gPerKwh(), Rounding.WORKING), Rounding.WORKING);
			}
			BigDecimal uncovered = kwh.signum() == 0 ? BigDecimal.ONE
					: BigDecimal.ONE.subtract(gec.divide(kwh, Rounding.WORKING), Rounding.WORKING);
			hourlyT = grams.multiply(uncovered, Rounding.WORKING).divide(MILLION, Rounding.WORKING);
		}
		BigDecimal yearlyT = kwh.subtract(gec).divide(THOUSAND, Rounding.WORKING).multiply(in.yearlyFactorTPerMwh(), Rounding.WORKING);
		BigDecimal ecsT = in.ecsGPerKwh() == null ? null : kwh.multiply(in.ecsGPerKwh(), Rounding.WORKING).divide(MILLION, Rounding.WORKING);
		return new Outcome(Rounding.stored(kwh), Rounding.stored(gec), metered ? in.hours().size() : 0, withIntensity,
				Rounding.stored(hourlyT), Rounding.stored(yearlyT), Rounding.stored(ecsT),
				hourlyT == null ? null : per(hourlyT, in), per(yearlyT, in), ecsT == null ? null : per(ecsT, in));
	}

	private static BigDecimal per(BigDecimal electricityT, Inputs in) {
		return Rounding.stored(electricityT.add(in.scope1T()).multiply(in.scale(), Rounding.WORKING).divide(in.output(), Rounding.WORKING));
	}
}
