package org.peakpilot.accounting.internal;

/**
 * Specific enthalpy of steam (kJ/kg) for purchased steam in tonnes (GB/T 32151: AD = Ma × (En − 83.74) / 1000 GJ).
 * The reference folder holds no steam table, so En comes from the IAPWS Industrial Formulation 1997 (IAPWS R7-97(2012),
 * "Revised Release on the IAPWS Industrial Formulation 1997 for the Thermodynamic Properties of Water and Steam",
 * http://www.iapws.org/relguide/IF97-Rev.html): the basic equation of region 2 (Eq. 15–17, Tables 10 and 11) for
 * superheated and saturated vapour, and the saturation-temperature equation of region 4 (Eq. 31, Table 34). Tag:
 * "computed" from the IAPWS equations; the test reproduces the release's own check values (Table 15 and 35).
 * <p>
 * Range served: absolute pressure from 0.001 to 10 MPa (below 10 MPa the saturation temperature stays under 623.15 K,
 * so region 2 is bounded by the saturation line alone) and temperatures from saturation to 800 °C.
 */
final class SteamEnthalpy {

	/** Specific gas constant of water, kJ/(kg·K) (IF97 Eq. 1). */
	private static final double R = 0.461526;
	static final double PRESSURE_MIN_MPA = 0.001;
	static final double PRESSURE_MAX_MPA = 10;
	static final double TEMPERATURE_MAX_C = 800;

	/** Region 2, ideal-gas part (Table 10). */
	private static final int[] J0 = { 0, 1, -5, -4, -3, -2, -1, 2, 3 };
	private static final double[] N0 = { -0.96927686500217e1, 0.10086655968018e2, -0.56087911283020e-2, 0.71452738081455e-1,
			-0.40710498223928, 0.14240819171444e1, -0.43839511319450e1, -0.28408632460772, 0.21268463753307e-1 };

	/** Region 2, residual part (Table 11). */
	private static final int[] IR = { 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 6, 6, 6, 7, 7, 7, 8, 8, 9, 10, 10,
			10, 16, 16, 18, 20, 20, 20, 21, 22, 23, 24, 24, 24 };
	private static final int[] JR = { 0, 1, 2, 3, 6, 1, 2, 4, 7, 36, 0, 1, 3, 6, 35, 1, 2, 3, 7, 3, 16, 35, 0, 11, 25, 8, 36, 13,
			4, 10, 14, 29, 50, 57, 20, 35, 48, 21, 53, 39, 26, 40, 58 };
	private static final double[] NR = { -0.17731742473213e-2, -0.17834862292358e-1, -0.45996013696365e-1, -0.57581259083432e-1,
			-0.50325278727930e-1, -0.33032641670203e-4, -0.18948987516315e-3, -0.39392777243355e-2, -0.43797295650573e-1,
			-0.26674547914087e-4, 0.20481737692309e-7, 0.43870667284435e-6, -0.32277677238570e-4, -0.15033924542148e-2,
			-0.40668253562649e-1, -0.78847309559367e-9, 0.12790717852285e-7, 0.48225372718507e-6, 0.22922076337661e-5,
			-0.16714766451061e-10, -0.21171472321355e-2, -0.23895741934104e2, -0.59059564324270e-17, -0.12621808899101e-5,
			-0.38946842435739e-1, 0.11256211360459e-10, -0.82311340897998e1, 0.19809712802088e-7, 0.10406965210174e-18,
			-0.10234747095929e-12, -0.10018179379511e-8, -0.80882908646985e-10, 0.10693031879409, -0.33662250574171,
			0.89185845355421e-24, 0.30629316876232e-12, -0.42002467698208e-5, -0.59056029685639e-25, 0.37826947613457e-5,
			-0.12768608934681e-14, 0.73087610595061e-28, 0.55414715350778e-16, -0.94369707241210e-6 };

	/** Region 4 (Table 34). */
	private static final double[] N4 = { 0, 0.11670521452767e4, -0.72421316703206e6, -0.17073846940092e2, 0.12020824702470e5,
			-0.32325550322333e7, 0.14915108613530e2, -0.48232657361591e4, 0.40511340542057e6, -0.23855557567849,
			0.65017534844798e3 };

	private SteamEnthalpy() {
	}

	/** Saturation temperature (K) at an absolute pressure (MPa), IF97 Eq. 31. */
	static double saturationTemperatureK(double pressureMpa) {
		double beta = Math.pow(pressureMpa, 0.25);
		double e = beta * beta + N4[3] * beta + N4[6];
		double f = N4[1] * beta * beta + N4[4] * beta + N4[7];
		double g = N4[2] * beta * beta + N4[5] * beta + N4[8];
		double d = 2 * g / (-f - Math.sqrt(f * f - 4 * e * g));
		return (N4[10] + d - Math.sqrt((N4[10] + d) * (N4[10] + d) - 4 * (N4[9] + N4[10] * d))) / 2;
	}

	/** Specific enthalpy (kJ/kg) of region 2 at temperature (K) and absolute pressure (MPa), IF97 Eq. 15–17. */
	static double enthalpyRegion2(double temperatureK, double pressureMpa) {
		double tau = 540 / temperatureK;
		double gamma0Tau = 0;
		for (int i = 0; i < J0.length; i++) {
			gamma0Tau += N0[i] * J0[i] * Math.pow(tau, J0[i] - 1);
		}
		double gammaRTau = 0;
		for (int i = 0; i < NR.length; i++) {
			gammaRTau += NR[i] * Math.pow(pressureMpa, IR[i]) * JR[i] * Math.pow(tau - 0.5, JR[i] - 1);
		}
		return R * temperatureK * tau * (gamma0Tau + gammaRTau);
	}

	/**
	 * Enthalpy (kJ/kg) of steam at an absolute pressure (MPa) and temperature (°C), or of saturated vapour at that
	 * pressure when the temperature is null. The caller has checked the range ({@link #PRESSURE_MIN_MPA} …
	 * {@link #PRESSURE_MAX_MPA}, saturation … {@link #TEMPERATURE_MAX_C}).
	 */
	static double enthalpy(double pressureMpa, Double temperatureC) {
		double t = temperatureC == null ? saturationTemperatureK(pressureMpa) : temperatureC + 273.15;
		return enthalpyRegion2(t, pressureMpa);
	}
}
