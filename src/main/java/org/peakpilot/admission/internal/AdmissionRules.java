package org.peakpilot.admission.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.peakpilot.admission.Assessment.ImpactBand;
import org.peakpilot.plan.PilotPlan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The plan folder's {@code admission.properties}, read once: the thresholds and lists the verdict applies (ADR 0017).
 * A plan without the file, or without a key, gets the defaults of ../shared/BUDGET-ADMISSION.md (the values Leshan's
 * file states) under the version {@code builtin-1}. A value out of its range or an unknown key stops the start with the
 * file and key named. {@link #canonical()} is the effective content (every key, sorted), whose checksum
 * {@code RulesVersions} stores per version.
 */
@Component
public class AdmissionRules {

	static final String FILE = "admission.properties";
	static final String DEFAULT_VERSION = "builtin-1";

	/** Where the zone cap's denominator comes from. */
	public enum Denominator {
		OUTPUT_VALUE, VALUE_ADDED
	}

	/** Which projects in a zone the cap applies to. */
	public enum ZoneScope {
		ALL, ZONE_SECTORS
	}

	private static final Set<String> FIXED_KEYS = Set.of("rules.version", "order31.province-tce", "order31.province-coal-t",
			"order31.ndrc-tce", "order31.coal-factor-codes", "sichuan.carbon-chapter-co2-t", "sichuan.monitoring-duty-co2-t",
			"two-high.industries", "banned.processes", "banned.source", "k.grade-bounds", "impact.m-bounds-percent",
			"impact.n-bounds-percent", "regional-control.period", "regional-control.energy-increment-tce",
			"regional-control.co2-increment-t", "zone-cap.denominator", "zone-cap.applies-to", "reservation.lapse-years",
			"rereview.deviation");

	private final String version;
	private final BigDecimal provinceTce;
	private final BigDecimal provinceCoalT;
	private final BigDecimal ndrcTce;
	private final Set<String> coalFactorCodes;
	private final BigDecimal carbonChapterCo2T;
	private final BigDecimal monitoringDutyCo2T;
	private final Set<String> twoHighIndustries;
	private final Set<String> bannedProcesses;
	private final String bannedSource;
	private final List<BigDecimal> kBounds;
	private final List<BigDecimal> mBounds;
	private final List<BigDecimal> nBounds;
	private final String controlPeriod;
	private final BigDecimal energyIncrementControlTce;
	private final BigDecimal co2IncrementControlT;
	private final Denominator denominator;
	private final ZoneScope zoneScope;
	private final Map<String, Set<String>> zoneSectors;
	private final int lapseYears;
	private final BigDecimal rereviewDeviation;
	private final String canonical;

	@Autowired
	AdmissionRules(PilotPlan plan) {
		this(plan.planProperties(FILE));
	}

	/** Rules from properties (tests build them without a plan folder). */
	public AdmissionRules(Properties p) {
		for (String key : p.stringPropertyNames()) {
			if (!FIXED_KEYS.contains(key) && !(key.startsWith("zone.") && key.endsWith(".sectors") && key.length() > "zone..sectors".length())) {
				throw bad(key, p.getProperty(key), "is not a key of the admission rules");
			}
		}
		Map<String, String> effective = new TreeMap<>();
		version = text(p, "rules.version", DEFAULT_VERSION, effective);
		if (version.isEmpty() || version.length() > 40 || !version.matches("[A-Za-z0-9._-]+")) {
			throw bad("rules.version", version, "must be 1-40 letters, digits, '.', '_' or '-'");
		}
		provinceTce = positive(p, "order31.province-tce", "10000", effective);
		provinceCoalT = positive(p, "order31.province-coal-t", "10000", effective);
		ndrcTce = positive(p, "order31.ndrc-tce", "500000", effective);
		if (ndrcTce.compareTo(provinceTce) < 0) {
			throw bad("order31.ndrc-tce", ndrcTce.toPlainString(), "must not be below order31.province-tce");
		}
		coalFactorCodes = codes(p, "order31.coal-factor-codes",
				"RAW-COAL,ANTHRACITE,BITUMINOUS-COAL,LIGNITE,CLEANED-COAL,OTHER-WASHED-COAL,BRIQUETTE", effective);
		carbonChapterCo2T = positive(p, "sichuan.carbon-chapter-co2-t", "100000", effective);
		monitoringDutyCo2T = positive(p, "sichuan.monitoring-duty-co2-t", "500000", effective);
		twoHighIndustries = codes(p, "two-high.industries", "3110,3120,3130,3140,3011,3012,3071,3072,2612,2613,2619,2622,2651,4411", effective);
		bannedProcesses = codes(p, "banned.processes", "", effective);
		bannedSource = text(p, "banned.source", "", effective);
		if (!bannedProcesses.isEmpty() && bannedSource.isEmpty()) {
			throw bad("banned.source", "", "must name where the banned list comes from");
		}
		kBounds = bounds(p, "k.grade-bounds", "0.6,0.8,1.2,2.0", 4, effective);
		mBounds = bounds(p, "impact.m-bounds-percent", "1,3,10,20", 4, effective);
		nBounds = bounds(p, "impact.n-bounds-percent", "0.1,0.3,1,3.5", 4, effective);
		controlPeriod = text(p, "regional-control.period", "2026-2030", effective);
		if (!controlPeriod.matches("\\d{4}-\\d{4}")) {
			throw bad("regional-control.period", controlPeriod, "must be a period such as 2026-2030");
		}
		energyIncrementControlTce = optionalPositive(p, "regional-control.energy-increment-tce", effective);
		co2IncrementControlT = optionalPositive(p, "regional-control.co2-increment-t", effective);
		denominator = choice(p, "zone-cap.denominator", Denominator.class, Denominator.OUTPUT_VALUE, effective);
		zoneScope = choice(p, "zone-cap.applies-to", ZoneScope.class, ZoneScope.ALL, effective);
		Map<String, Set<String>> zones = new LinkedHashMap<>();
		for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
			if (key.startsWith("zone.") && key.endsWith(".sectors")) {
				String zone = key.substring("zone.".length(), key.length() - ".sectors".length());
				zones.put(zone, codes(p, key, "", effective));
			}
		}
		zoneSectors = Map.copyOf(zones);
		String lapse = text(p, "reservation.lapse-years", "2", effective);
		try {
			lapseYears = Integer.parseInt(lapse);
		}
		catch (NumberFormatException ex) {
			throw bad("reservation.lapse-years", lapse, "must be a whole number of years from 1 to 10");
		}
		if (lapseYears < 1 || lapseYears > 10) {
			throw bad("reservation.lapse-years", lapse, "must be a whole number of years from 1 to 10");
		}
		rereviewDeviation = positive(p, "rereview.deviation", "0.10", effective);
		if (rereviewDeviation.compareTo(BigDecimal.ONE) > 0) {
			throw bad("rereview.deviation", rereviewDeviation.toPlainString(), "must be a fraction above 0 and at most 1");
		}
		canonical = effective.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n";
	}

	public String version() {
		return version;
	}

	/** The effective content: every key with its value (defaults included), sorted, one per line. */
	public String canonical() {
		return canonical;
	}

	/** SHA-256 of {@link #canonical()}, hex. */
	public String checksum() {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public BigDecimal provinceTce() {
		return provinceTce;
	}

	public BigDecimal provinceCoalT() {
		return provinceCoalT;
	}

	public BigDecimal ndrcTce() {
		return ndrcTce;
	}

	public boolean isCoal(String factorCode) {
		return factorCode != null && coalFactorCodes.contains(factorCode.strip().toUpperCase(java.util.Locale.ROOT));
	}

	public BigDecimal carbonChapterCo2T() {
		return carbonChapterCo2T;
	}

	public BigDecimal monitoringDutyCo2T() {
		return monitoringDutyCo2T;
	}

	public boolean isTwoHigh(String industryCode) {
		return industryCode != null && twoHighIndustries.contains(industryCode);
	}

	public Set<String> bannedProcesses() {
		return bannedProcesses;
	}

	public String bannedSource() {
		return bannedSource;
	}

	/** The K grade 1-5 of a K value. */
	public int kGrade(BigDecimal k) {
		for (int i = 0; i < kBounds.size(); i++) {
			if (k.compareTo(kBounds.get(i)) <= 0) {
				return i + 1;
			}
		}
		return kBounds.size() + 1;
	}

	/** K above this is CONDITIONAL (the third bound, 1.2). */
	public BigDecimal kConditionalAbove() {
		return kBounds.get(2);
	}

	/** K above this FAILs (the last bound, 2.0). */
	public BigDecimal kFailAbove() {
		return kBounds.get(kBounds.size() - 1);
	}

	public ImpactBand mBand(BigDecimal percent) {
		return band(percent, mBounds);
	}

	public ImpactBand nBand(BigDecimal percent) {
		return band(percent, nBounds);
	}

	/** The upper bound (percent) of a band of m; null for DECISIVE. */
	public BigDecimal mBound(ImpactBand band) {
		return band.ordinal() < mBounds.size() ? mBounds.get(band.ordinal()) : null;
	}

	public BigDecimal nBound(ImpactBand band) {
		return band.ordinal() < nBounds.size() ? nBounds.get(band.ordinal()) : null;
	}

	public String controlPeriod() {
		return controlPeriod;
	}

	public Optional<BigDecimal> energyIncrementControlTce() {
		return Optional.ofNullable(energyIncrementControlTce);
	}

	public Optional<BigDecimal> co2IncrementControlT() {
		return Optional.ofNullable(co2IncrementControlT);
	}

	public Denominator denominator() {
		return denominator;
	}

	public ZoneScope zoneScope() {
		return zoneScope;
	}

	/** The registry sectors a zone admits, empty when the rules name none (then the plan's English industry is compared). */
	public Set<String> zoneSectors(String zoneCode) {
		return zoneSectors.getOrDefault(zoneCode, Set.of());
	}

	public int lapseYears() {
		return lapseYears;
	}

	public BigDecimal rereviewDeviation() {
		return rereviewDeviation;
	}

	private static ImpactBand band(BigDecimal percent, List<BigDecimal> bounds) {
		for (int i = 0; i < bounds.size(); i++) {
			if (percent.compareTo(bounds.get(i)) <= 0) {
				return ImpactBand.values()[i];
			}
		}
		return ImpactBand.DECISIVE;
	}

	private static String text(Properties p, String key, String fallback, Map<String, String> effective) {
		String v = p.getProperty(key, fallback).strip();
		effective.put(key, v);
		return v;
	}

	private static BigDecimal number(String key, String text) {
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw bad(key, text, "is not a number");
		}
	}

	private static BigDecimal positive(Properties p, String key, String fallback, Map<String, String> effective) {
		String text = text(p, key, fallback, effective);
		BigDecimal v = number(key, text);
		if (v.signum() <= 0 || v.compareTo(new BigDecimal("1e12")) >= 0) {
			throw bad(key, text, "must be above 0 and below 10^12");
		}
		effective.put(key, v.stripTrailingZeros().toPlainString());
		return v;
	}

	private static BigDecimal optionalPositive(Properties p, String key, Map<String, String> effective) {
		String text = text(p, key, "", effective);
		return text.isEmpty() ? null : positive(p, key, "", effective);
	}

	private static Set<String> codes(Properties p, String key, String fallback, Map<String, String> effective) {
		String text = text(p, key, fallback, effective);
		List<String> list = text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
		for (String c : list) {
			if (!c.matches("[A-Za-z0-9._-]{1,40}")) {
				throw bad(key, text, "must be codes (letters, digits, '.', '_', '-') separated by commas");
			}
		}
		List<String> sorted = list.stream().distinct().sorted().toList();
		effective.put(key, String.join(",", sorted));
		return Set.copyOf(sorted);
	}

	private static List<BigDecimal> bounds(Properties p, String key, String fallback, int count, Map<String, String> effective) {
		String text = text(p, key, fallback, effective);
		List<BigDecimal> list = new ArrayList<>();
		for (String s : text.split(",")) {
			list.add(number(key, s.strip()));
		}
		if (list.size() != count) {
			throw bad(key, text, "must be " + count + " ascending numbers above 0 separated by commas");
		}
		for (int i = 0; i < list.size(); i++) {
			if (list.get(i).signum() <= 0 || (i > 0 && list.get(i).compareTo(list.get(i - 1)) <= 0)) {
				throw bad(key, text, "must be " + count + " ascending numbers above 0 separated by commas");
			}
		}
		effective.put(key, list.stream().map(b -> b.stripTrailingZeros().toPlainString()).collect(Collectors.joining(",")));
		return List.copyOf(list);
	}

	private static <E extends Enum<E>> E choice(Properties p, String key, Class<E> type, E fallback, Map<String, String> effective) {
		String text = text(p, key, fallback.name(), effective);
		try {
			return Enum.valueOf(type, text);
		}
		catch (IllegalArgumentException ex) {
			throw bad(key, text, "must be one of " + Arrays.toString(type.getEnumConstants()));
		}
	}

	static IllegalStateException bad(String key, String value, String why) {
		return new IllegalStateException(FILE + ": " + key + " '" + value + "' " + why);
	}

}
