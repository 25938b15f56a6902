package org.peakpilot.power.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.RuleViolationException;

/**
 * The carbon-emission-flow method (碳排放流; 周天睿, 康重庆, 电力系统自动化 2012, 36(11):44-49; Kang et al., IEEE TSG
 * 2015, doi 10.1109/TSG.2015.2388695) for one network snapshot (one power flow, lossless), by proportional sharing:
 * <ul>
 * <li>P_B (N×N): branch flows, P_B[i][j] ≥ 0 the active power (MW) from node i to node j;</li>
 * <li>P_G (K×N): generator injections, E_G (K): generator intensities (gCO2/kWh);</li>
 * <li>P_N = diag of the column sums of [P_B; P_G]: each node's total inflow (MW);</li>
 * <li>nodal intensities E_N = (P_N − P_Bᵀ)⁻¹ P_Gᵀ E_G (gCO2/kWh): row j reads P_N[j]·E_j − Σ_i P_B[i][j]·E_i =
 * Σ_k P_G[k][j]·E_G[k], i.e. a node's intensity is the inflow-weighted mean of what flows into it;</li>
 * <li>branch carbon flow rates R_B = diag(E_N)·P_B and load carbon R_L = P_L·E_N, in kgCO2/h (MW × g/kWh = kg/h);</li>
 * <li>the check: Σ load carbon = Σ generation carbon (Σ_k P_G[k]·E_G[k]) within the relative tolerance, and every
 * node balanced (inflow = outflow + load). A violation, or a singular matrix (a node with no inflow), is refused
 * (422) naming the node; input out of bounds is a 400.</li>
 * </ul>
 * Solved by Gaussian elimination with partial pivoting in double (N ≤ {@value #MAX_NODES}; the matrix is
 * diagonally dominant by columns for a lossless, loop-free or looped flow, so pivoting is a safeguard).
 */
public final class CarbonEmissionFlow {

	public static final int MAX_NODES = 200;
	public static final int MAX_BRANCHES = 2000;
	public static final int MAX_GENERATORS = 1000;
	public static final int MAX_LOADS = 1000;
	static final double MAX_MW = 1_000_000;
	static final double DEFAULT_TOLERANCE = 1e-6;

	public record Branch(String from, String to, double mw) {
	}

	public record Generator(String id, String node, double mw, double gPerKwh) {
	}

	public record Load(String node, double mw) {
	}

	public record Snapshot(List<String> nodes, List<Branch> branches, List<Generator> generators, List<Load> loads, Double tolerance) {
	}

	public record NodeIntensity(String node, double gPerKwh, double inflowMw, double loadMw, double loadKgPerHour) {
	}

	public record BranchCarbon(String from, String to, double mw, double kgPerHour) {
	}

	public record Flows(List<NodeIntensity> nodes, List<BranchCarbon> branches, double generationKgPerHour, double loadKgPerHour,
			double relativeImbalance, boolean conserved) {
	}

	private CarbonEmissionFlow() {
	}

	public static Flows compute(Snapshot s) {
		validate(s);
		List<String> nodes = s.nodes();
		int n = nodes.size();
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < n; i++) {
			index.put(nodes.get(i), i);
		}
		double[][] pb = new double[n][n];
		for (Branch b : s.branches()) {
			int i = index.get(b.from());
			int j = index.get(b.to());
			// a negative flow runs the other way
			if (b.mw() >= 0) {
				pb[i][j] += b.mw();
			}
			else {
				pb[j][i] += -b.mw();
			}
		}
		double[] genAt = new double[n];
		double[] carbonAt = new double[n];
		double generationCarbon = 0;
		for (Generator g : s.generators()) {
			int j = index.get(g.node());
			genAt[j] += g.mw();
			carbonAt[j] += g.mw() * g.gPerKwh();
			generationCarbon += g.mw() * g.gPerKwh();
		}
		double[] load = new double[n];
		for (Load l : s.loads()) {
			load[index.get(l.node())] += l.mw();
		}
		double tolerance = s.tolerance() == null ? DEFAULT_TOLERANCE : s.tolerance();
		double[] inflow = new double[n];
		double[] outflow = new double[n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				inflow[j] += pb[i][j];
				outflow[i] += pb[i][j];
			}
		}
		for (int j = 0; j < n; j++) {
			inflow[j] += genAt[j];
			double scale = Math.max(1, inflow[j]);
			if (Math.abs(inflow[j] - outflow[j] - load[j]) > tolerance * scale + 1e-9) {
				throw new RuleViolationException("node " + nodes.get(j) + " is not balanced: inflow (generation + branches in) "
						+ round(inflow[j]) + " MW ≠ branches out " + round(outflow[j]) + " MW + load " + round(load[j])
						+ " MW; the method needs a lossless power flow");
			}
		}
		// A = P_N − P_Bᵀ, b = P_Gᵀ E_G
		double[][] a = new double[n][n + 1];
		for (int j = 0; j < n; j++) {
			a[j][j] = inflow[j];
			for (int i = 0; i < n; i++) {
				a[j][i] -= pb[i][j];
			}
			a[j][n] = carbonAt[j];
		}
		double[] e = solve(a, nodes);
		List<NodeIntensity> out = new ArrayList<>();
		double loadCarbon = 0;
		for (int j = 0; j < n; j++) {
			double rl = load[j] * e[j];
			loadCarbon += rl;
			out.add(new NodeIntensity(nodes.get(j), e[j], inflow[j], load[j], rl));
		}
		List<BranchCarbon> branches = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				if (pb[i][j] > 0) {
					branches.add(new BranchCarbon(nodes.get(i), nodes.get(j), pb[i][j], e[i] * pb[i][j]));
				}
			}
		}
		double imbalance = Math.abs(loadCarbon - generationCarbon) / Math.max(1, generationCarbon);
		if (imbalance > tolerance) {
			throw new RuleViolationException("carbon is not conserved: Σ load carbon " + round(loadCarbon) + " kg/h ≠ Σ generation carbon "
					+ round(generationCarbon) + " kg/h (relative " + imbalance + " > tolerance " + tolerance + ")");
		}
		return new Flows(out, branches, generationCarbon, loadCarbon, imbalance, true);
	}

	/** Gaussian elimination with partial pivoting on the augmented matrix; refuses a singular system. */
	static double[] solve(double[][] a, List<String> nodes) {
		int n = a.length;
		int[] row = new int[n];
		for (int i = 0; i < n; i++) {
			row[i] = i;
		}
		double scale = 0;
		for (double[] r : a) {
			for (int j = 0; j < n; j++) {
				scale = Math.max(scale, Math.abs(r[j]));
			}
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int r = col + 1; r < n; r++) {
				if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
					pivot = r;
				}
			}
			if (Math.abs(a[pivot][col]) <= 1e-12 * Math.max(1, scale)) {
				throw new RuleViolationException("the network matrix (P_N − P_Bᵀ) is singular at node " + nodes.get(col)
						+ ": a node without inflow (no generation and no branch flowing in) has no intensity");
			}
			double[] t = a[col];
			a[col] = a[pivot];
			a[pivot] = t;
			for (int r = col + 1; r < n; r++) {
				double f = a[r][col] / a[col][col];
				if (f != 0) {
					for (int c = col; c <= n; c++) {
						a[r][c] -= f * a[col][c];
					}
				}
			}
		}
		double[] x = new double[n];
		for (int r = n - 1; r >= 0; r--) {
			double sum = a[r][n];
			for (int c = r + 1; c < n; c++) {
				sum -= a[r][c] * x[c];
			}
			x[r] = sum / a[r][r];
		}
		return x;
	}

	static void validate(Snapshot s) {
		List<InputError> errors = new ArrayList<>();
		if (s.nodes() == null || s.nodes().isEmpty() || s.nodes().size() > MAX_NODES) {
			throw new InvalidInputException("nodes", "1 to " + MAX_NODES + " nodes");
		}
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < s.nodes().size(); i++) {
			String id = s.nodes().get(i);
			if (id == null || !id.matches("[A-Za-z0-9_-]{1,32}")) {
				errors.add(InputError.field("nodes[" + i + "]", "a node id of 1–32 letters, digits, _ or -"));
			}
			else if (!ids.add(id)) {
				errors.add(InputError.field("nodes[" + i + "]", "node " + id + " is listed twice"));
			}
		}
		List<Branch> branches = s.branches() == null ? List.of() : s.branches();
		List<Generator> generators = s.generators() == null ? List.of() : s.generators();
		List<Load> loads = s.loads() == null ? List.of() : s.loads();
		if (branches.size() > MAX_BRANCHES) {
			errors.add(InputError.field("branches", "at most " + MAX_BRANCHES + " branches"));
		}
		if (generators.isEmpty() || generators.size() > MAX_GENERATORS) {
			errors.add(InputError.field("generators", "1 to " + MAX_GENERATORS + " generators"));
		}
		if (loads.size() > MAX_LOADS) {
			errors.add(InputError.field("loads", "at most " + MAX_LOADS + " loads"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		for (int i = 0; i < branches.size(); i++) {
			Branch b = branches.get(i);
			String f = "branches[" + i + "]";
			if (b == null) {
				errors.add(InputError.field(f, "missing"));
				continue;
			}
			node(ids, b.from(), f + ".from", errors);
			node(ids, b.to(), f + ".to", errors);
			if (b.from() != null && b.from().equals(b.to())) {
				errors.add(InputError.field(f + ".to", "a branch joins two different nodes"));
			}
			mw(b.mw(), f + ".mw", true, errors);
		}
		for (int i = 0; i < generators.size(); i++) {
			Generator g = generators.get(i);
			String f = "generators[" + i + "]";
			if (g == null) {
				errors.add(InputError.field(f, "missing"));
				continue;
			}
			node(ids, g.node(), f + ".node", errors);
			mw(g.mw(), f + ".mw", false, errors);
			if (!(g.gPerKwh() >= 0 && g.gPerKwh() < 2000)) {
				errors.add(InputError.field(f + ".g_per_kwh", "an intensity from 0 to below 2000 gCO2/kWh"));
			}
		}
		for (int i = 0; i < loads.size(); i++) {
			Load l = loads.get(i);
			String f = "loads[" + i + "]";
			if (l == null) {
				errors.add(InputError.field(f, "missing"));
				continue;
			}
			node(ids, l.node(), f + ".node", errors);
			mw(l.mw(), f + ".mw", false, errors);
		}
		if (s.tolerance() != null && !(s.tolerance() > 0 && s.tolerance() <= 0.01)) {
			errors.add(InputError.field("tolerance", "a relative tolerance above 0 and at most 0.01"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	private static void node(Set<String> ids, String node, String field, List<InputError> errors) {
		if (node == null || !ids.contains(node)) {
			errors.add(InputError.field(field, "not one of the listed nodes"));
		}
	}

	private static void mw(double v, String field, boolean signed, List<InputError> errors) {
		if (!Double.isFinite(v) || Math.abs(v) > MAX_MW || (!signed && v < 0)) {
			errors.add(InputError.field(field, signed ? "a flow within ±1,000,000 MW" : "a power from 0 to 1,000,000 MW"));
		}
	}

	private static String round(double v) {
		return String.format(java.util.Locale.ROOT, "%.3f", v);
	}
}
