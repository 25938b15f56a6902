package org.peakpilot.projects.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.shared.CsvTable;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The plan folder's entry criteria of the green library, read once: {@code green-library.properties} (criteria
 * version, thresholds, re-evaluation interval) and {@code green-industry-catalogue.csv} (the first-level categories of
 * the green-industry catalogue a project must belong to, each with its source and verification tag). A plan without
 * the files gets the defaults Leshan's file states and an empty catalogue (no project can then meet its category
 * criterion). A value that is not valid stops the start with the file and key (or line and column) named.
 */
@Component
public class GreenSettings {

	static final String FILE = "green-library.properties";
	static final String CATALOGUE = "green-industry-catalogue.csv";

	/** A first-level category of the catalogue. */
	public record Category(String code, String nameZh, String nameEn, String source, String tag) {
	}

	private final String version;
	private final int maxGrade;
	private final boolean enterpriseIntensityBelowAverage;
	private final BigDecimal minGreenPowerShare;
	private final boolean projectIntensityBelowAverage;
	private final int reevaluationIntervalDays;
	private final Map<String, Category> catalogue;

	@org.springframework.beans.factory.annotation.Autowired
	GreenSettings(PilotPlan plan) {
		this(plan.planProperties(FILE), catalogue(plan.planFile(CATALOGUE)));
	}

	/** Settings from properties and a catalogue (tests build them without a plan folder). */
	public GreenSettings(Properties p, List<Category> categories) {
		version = p.getProperty("criteria.version", "default-1").strip();
		if (version.isEmpty() || version.length() > 40) {
			throw bad("criteria.version", version, "must be 1–40 characters");
		}
		maxGrade = integer(p, "enterprise.max-grade", "2", 1, 9);
		enterpriseIntensityBelowAverage = bool(p, "enterprise.intensity-below-industry-average", "true");
		String share = p.getProperty("enterprise.min-green-power-share", "0.20").strip();
		try {
			minGreenPowerShare = new BigDecimal(share);
		}
		catch (NumberFormatException ex) {
			throw bad("enterprise.min-green-power-share", share, "is not a number");
		}
		if (minGreenPowerShare.signum() < 0 || minGreenPowerShare.compareTo(BigDecimal.ONE) > 0) {
			throw bad("enterprise.min-green-power-share", share, "must be a fraction from 0 to 1");
		}
		projectIntensityBelowAverage = bool(p, "project.intensity-below-industry-average", "true");
		reevaluationIntervalDays = integer(p, "reevaluation.interval-days", "90", 1, 3660);
		Map<String, Category> c = new LinkedHashMap<>();
		categories.forEach(x -> c.put(x.code(), x));
		catalogue = java.util.Collections.unmodifiableMap(c);
	}

	/** The version every evaluation records. */
	public String version() {
		return version;
	}

	/** An enterprise's carbon-efficiency grade must be at most this (1 best). */
	public int maxGrade() {
		return maxGrade;
	}

	/** Whether an enterprise's intensity must lie below its industry's average. */
	public boolean enterpriseIntensityBelowAverage() {
		return enterpriseIntensityBelowAverage;
	}

	/** Certified green kWh ÷ purchased kWh must be at least this (fraction of 1). */
	public BigDecimal minGreenPowerShare() {
		return minGreenPowerShare;
	}

	/** Whether a project's stated intensity must lie below the applicant's industry average. */
	public boolean projectIntensityBelowAverage() {
		return projectIntensityBelowAverage;
	}

	/** A listed entry is re-evaluated when its last evaluation is older than this. */
	public int reevaluationIntervalDays() {
		return reevaluationIntervalDays;
	}

	/** The catalogue's first-level categories, in the file's order. */
	public List<Category> catalogue() {
		return List.copyOf(catalogue.values());
	}

	public Optional<Category> category(String code) {
		return Optional.ofNullable(code == null ? null : catalogue.get(code));
	}

	private static int integer(Properties p, String key, String fallback, int min, int max) {
		String text = p.getProperty(key, fallback).strip();
		int v;
		try {
			v = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw bad(key, text, "is not a whole number");
		}
		if (v < min || v > max) {
			throw bad(key, text, "must lie between " + min + " and " + max);
		}
		return v;
	}

	private static boolean bool(Properties p, String key, String fallback) {
		String text = p.getProperty(key, fallback).strip();
		if (!text.equals("true") && !text.equals("false")) {
			throw bad(key, text, "must be true or false");
		}
		return Boolean.parseBoolean(text);
	}

	private static IllegalStateException bad(String key, String value, String why) {
		return new IllegalStateException(FILE + ": " + key + " '" + value + "' " + why);
	}

	/** The catalogue's rows; a missing column, a repeated or malformed code stops the start naming file and line. */
	static List<Category> catalogue(Optional<Resource> file) {
		if (file.isEmpty()) {
			return List.of();
		}
		String text;
		try (InputStream in = file.get().getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the plan's " + CATALOGUE, ex);
		}
		return parseCatalogue(text);
	}

	/** Parses the catalogue's CSV text. */
	public static List<Category> parseCatalogue(String text) {
		Map<String, Category> rows = new LinkedHashMap<>();
		try {
			for (CsvTable.Row r : CsvTable.parse(text).rows()) {
				String code = r.require("code");
				if (!code.matches("[A-Z][A-Z0-9]{0,15}")) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'code' '" + code + "' must be 1–16 capitals and digits");
				}
				String tag = r.require("tag");
				if (!tag.startsWith("[")) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'tag' must start with a verification tag such as [unverified]");
				}
				if (rows.put(code, new Category(code, r.require("name_zh"), r.require("name_en"), r.require("source"), tag)) != null) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'code' '" + code + "' repeats an earlier row");
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(CATALOGUE + ": " + ex.getMessage(), ex);
		}
		return List.copyOf(rows.values());
	}
}
