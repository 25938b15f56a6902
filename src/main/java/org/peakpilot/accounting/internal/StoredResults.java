package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.Calculation.FactorUsed;
import org.peakpilot.accounting.Calculation.LineResult;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.StoredResult;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.shared.Gj;
import org.peakpilot.shared.Quantity;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The stored results of reports. Each store is a computation of one report (when, by whom, why, which factor codes
 * it used) with its result lines; a new computation supersedes the report's current one, and lines never change.
 * A line names the factor versions it used as {@code [{code, version, value}]}; reads resolve them against the
 * factor library, which keeps every version's unit, source and tag forever (ADR 0006). The factor references and
 * the defaults a line assumed are stored once per distinct list ({@link FactorsRow}, {@link DefaultsRow}), the notes
 * stating the defaults by their index; reads join them back, so a line reads exactly as it was calculated
 * (V2026.12.17.20).
 */
@Component
public class StoredResults {

	private static final String LINES = """
			SELECT x.id, x.line_no, x.scope, x.category, x.energy_use, x.co2_t, x.co2_market_t, x.tce, x.tce_equal_value,
			       x.energy_gj, f.factors, x.formula, accounting_result_notes(x.notes, d.notes) AS notes, d.defaults,
			       c.computed_at, c.computed_by, c.reason, c.superseded_at
			FROM accounting_computation c JOIN accounting_result x ON x.computation_id = c.id
			JOIN accounting_result_factors f ON f.id = x.factors_id
			LEFT JOIN accounting_result_defaults d ON d.id = x.defaults_id
			""";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final FactorLibrary factorLibrary;

	StoredResults(JdbcClient jdbc, JsonMapper json, Clock clock, FactorLibrary factorLibrary) {
		this.factorLibrary = factorLibrary;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** A factor version as a result line names it. */
	record FactorRef(String code, int version, BigDecimal value) {

		static FactorRef of(FactorUsed f) {
			return new FactorRef(f.code(), f.version(), f.value());
		}

		static List<FactorRef> of(List<FactorUsed> used) {
			return used.stream().map(FactorRef::of).toList();
		}
	}

	/** What a result line adds to a report's summary and what decides whether a restatement changed it. */
	record Figures(Calculation.Scope scope, EnergyUse energyUse, BigDecimal co2T, BigDecimal co2MarketT, BigDecimal tce,
			BigDecimal tceEqualValue, List<FactorRef> factors) {

		static Figures of(StoredResult r) {
			return new Figures(r.scope(), r.energyUse(), r.co2T().value(), r.co2MarketT().value(), r.tce().value(),
					Quantity.valueOf(r.tceEqualValue()), FactorRef.of(r.factors()));
		}

		static Figures of(LineResult r, EnergyUse use) {
			return new Figures(r.scope(), use, r.co2T().value(), r.co2MarketT().value(), r.tce().value(),
					Quantity.valueOf(r.tceEqualValue()), FactorRef.of(r.factors()));
		}

		static List<Figures> of(List<StoredResult> results) {
			return results.stream().map(Figures::of).toList();
		}
	}

	/** The current results of a report, in line order. */
	List<StoredResult> current(long reportId) {
		return read(LINES + "WHERE c.report_id = :id AND c.superseded_at IS NULL ORDER BY x.line_no", reportId);
	}

	/** Every result a report ever had, newest first. */
	List<StoredResult> history(long reportId) {
		return read(LINES + "WHERE c.report_id = :id ORDER BY c.computed_at DESC, x.id DESC", reportId);
	}

	/**
	 * Stores a new computation of one report and its lines ({@code uses} by line), superseding the current one. The
	 * caller holds the report's row lock.
	 */
	void store(long reportId, List<LineResult> results, List<EnergyUse> uses, String reason) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
		jdbc.sql("UPDATE accounting_computation SET superseded_at = :now WHERE report_id = :id AND superseded_at IS NULL")
			.param("now", now).param("id", reportId).update();
		long computation = jdbc.sql("""
				INSERT INTO accounting_computation (report_id, computed_at, computed_by, reason, factor_codes)
				VALUES (:r, :now, :by, :reason, :codes) RETURNING id
				""").param("r", reportId).param("now", now).param("by", AccessScope.current().actor()).param("reason", reason)
			.param("codes", factorCodes(results).toArray(String[]::new)).query(Long.class).single();
		Map<List<Calculation.DefaultAssumed>, DefaultsRow> defaults = new HashMap<>();
		Map<List<FactorUsed>, FactorsRow> factors = new HashMap<>();
		for (LineResult r : results) {
			DefaultsRow d = defaults.computeIfAbsent(defaultsOf(r), this::defaultsRow);
			FactorsRow f = factors.computeIfAbsent(r.factors(), this::factorsRow);
			jdbc.sql("""
					INSERT INTO accounting_result (computation_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce,
					    tce_equal_value, energy_gj, factors_id, formula, notes, defaults_id)
					VALUES (:c, :n, :scope, :cat, :use, :co2, :market, :tce, :tceev, :gj, CAST(:factors AS uuid), :formula,
					    CAST(:notes AS jsonb), CAST(:defaults AS uuid))
					""")
				.param("c", computation).param("n", r.index()).param("scope", r.scope().name()).param("cat", r.category())
				.param("use", uses.get(r.index()).name()).param("co2", r.co2T().value()).param("market", r.co2MarketT().value())
				.param("tce", r.tce().value()).param("tceev", Quantity.valueOf(r.tceEqualValue())).param("gj", Quantity.valueOf(r.energyGj()))
				.param("factors", f.id().toString()).param("formula", r.formula()).param("notes", notesJson(r.notes(), d))
				.param("defaults", d.id().toString())
				.update();
		}
		storeLists(defaults.values(), factors.values());
	}

	/**
	 * A distinct list of defaults as stored once in {@code accounting_result_defaults}: its key ({@link #key} of the two
	 * JSON texts), the list, and the notes that state its defaults ({@link Calculation.DefaultAssumed#note()}), which a
	 * line's stored notes name by their index (V2026.12.17.20).
	 */
	record DefaultsRow(UUID id, String defaultsJson, List<String> notes, String notesJson) {
	}

	/** A distinct list of factor references as stored once in {@code accounting_result_factors}, keyed by its JSON text. */
	record FactorsRow(UUID id, String factorsJson) {
	}

	/** The defaults a line assumed as stored: none is an empty list. */
	static List<Calculation.DefaultAssumed> defaultsOf(LineResult r) {
		return r.defaults() == null ? List.of() : r.defaults();
	}

	/** The stored form of a list of defaults, keyed by its content. */
	DefaultsRow defaultsRow(List<Calculation.DefaultAssumed> defaults) {
		String defaultsJson = json.writeValueAsString(defaults);
		List<String> notes = defaults.stream().map(Calculation.DefaultAssumed::note).toList();
		String notesJson = json.writeValueAsString(notes);
		return new DefaultsRow(key(defaultsJson + "\n" + notesJson), defaultsJson, notes, notesJson);
	}

	/** The stored form of the factors a line used, keyed by its content. */
	FactorsRow factorsRow(List<FactorUsed> used) {
		String factorsJson = refsJson(used);
		return new FactorsRow(key(factorsJson), factorsJson);
	}

	/** The key of a stored list: the first 16 bytes of the SHA-256 of its UTF-8 text, as SQL's {@code accounting_content_key}. */
	static UUID key(String content) {
		try {
			ByteBuffer hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
			return new UUID(hash.getLong(), hash.getLong());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A line's notes as stored: each note that states one of its defaults replaced by that note's index in the list's notes. */
	String notesJson(List<String> notes, DefaultsRow defaults) {
		return notesJson(storedNotes(notes, defaults));
	}

	/** A line's notes as stored ({@link #notesJson(List, DefaultsRow)}) before they are written as JSON: strings and indexes. */
	static List<?> storedNotes(List<String> notes, DefaultsRow defaults) {
		if (defaults.notes().isEmpty()) {
			return notes;
		}
		List<Object> stored = new ArrayList<>(notes.size());
		for (String n : notes) {
			int i = defaults.notes().indexOf(n);
			stored.add(i < 0 ? n : Integer.valueOf(i));
		}
		return stored;
	}

	/** The JSON text of notes as stored ({@link #storedNotes}). */
	String notesJson(List<?> storedNotes) {
		return json.writeValueAsString(storedNotes);
	}

	/**
	 * Stores the lists not stored yet (they never change: a list already there is left as it is). Inserted in key
	 * order, defaults first: two transactions storing the same new lists wait for each other in one order, never in a
	 * cycle.
	 */
	void storeLists(Collection<DefaultsRow> unsortedDefaults, Collection<FactorsRow> unsortedFactors) {
		List<DefaultsRow> defaults = unsortedDefaults.stream().sorted(java.util.Comparator.comparing(DefaultsRow::id)).toList();
		List<FactorsRow> factors = unsortedFactors.stream().sorted(java.util.Comparator.comparing(FactorsRow::id)).toList();
		if (!defaults.isEmpty()) {
			jdbc.sql("""
					INSERT INTO accounting_result_defaults (id, defaults, notes)
					SELECT CAST(i AS uuid), CAST(d AS jsonb), CAST(n AS jsonb) FROM unnest(:ids, :defaults, :notes) WITH ORDINALITY AS t(i, d, n, o)
					ORDER BY o ON CONFLICT (id) DO NOTHING
					""").param("ids", defaults.stream().map(r -> r.id().toString()).toArray(String[]::new))
				.param("defaults", defaults.stream().map(DefaultsRow::defaultsJson).toArray(String[]::new))
				.param("notes", defaults.stream().map(DefaultsRow::notesJson).toArray(String[]::new)).update();
		}
		if (!factors.isEmpty()) {
			jdbc.sql("""
					INSERT INTO accounting_result_factors (id, factors)
					SELECT CAST(i AS uuid), CAST(f AS jsonb) FROM unnest(:ids, :factors) WITH ORDINALITY AS t(i, f, o)
					ORDER BY o ON CONFLICT (id) DO NOTHING
					""").param("ids", factors.stream().map(r -> r.id().toString()).toArray(String[]::new))
				.param("factors", factors.stream().map(FactorsRow::factorsJson).toArray(String[]::new)).update();
		}
	}

	/** Reports of {@code fromYear} and later whose current results used the factor, in ID order. */
	public List<Long> currentlyUsing(String code, int fromYear) {
		return jdbc.sql("""
				SELECT c.report_id FROM accounting_computation c JOIN accounting_report r ON r.id = c.report_id
				WHERE c.superseded_at IS NULL AND c.factor_codes @> ARRAY[CAST(:code AS text)] AND r.year >= :from
				ORDER BY c.report_id
				""").param("code", code).param("from", fromYear).query(Long.class).list();
	}

	/** The current figures of the reports, by report, in line order. */
	Map<Long, List<Figures>> currentFigures(List<Long> reportIds) {
		Map<Long, List<Figures>> figures = new HashMap<>();
		jdbc.sql("""
				SELECT c.report_id, x.scope, x.energy_use, x.co2_t, x.co2_market_t, x.tce, x.tce_equal_value, f.factors
				FROM accounting_computation c JOIN accounting_result x ON x.computation_id = c.id
				JOIN accounting_result_factors f ON f.id = x.factors_id
				WHERE c.superseded_at IS NULL AND c.report_id = ANY(:ids) ORDER BY c.report_id, x.line_no
				""").param("ids", reportIds.toArray(Long[]::new)).query((ResultSet rs) -> {
			figures.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(new Figures(Calculation.Scope.valueOf(rs.getString(2)),
					EnergyUse.valueOf(rs.getString(3)), Calculator.strip(rs.getBigDecimal(4)), Calculator.strip(rs.getBigDecimal(5)),
					Calculator.strip(rs.getBigDecimal(6)), Calculator.strip(rs.getBigDecimal(7)),
					List.of(json.readValue(rs.getString(8), FactorRef[].class))));
		});
		return figures;
	}

	/** Whether recomputed figures equal the stored ones: every line's tCO2, tce and factor versions and values. */
	static boolean sameFigures(List<Figures> current, List<Figures> recomputed) {
		if (current.size() != recomputed.size()) {
			return false;
		}
		for (int i = 0; i < current.size(); i++) {
			Figures a = current.get(i);
			Figures b = recomputed.get(i);
			if (a.co2T().compareTo(b.co2T()) != 0 || a.co2MarketT().compareTo(b.co2MarketT()) != 0 || a.tce().compareTo(b.tce()) != 0
					|| !Objects.equals(a.tceEqualValue() == null ? null : a.tceEqualValue().stripTrailingZeros(),
							b.tceEqualValue() == null ? null : b.tceEqualValue().stripTrailingZeros())
					|| !sameFactors(a.factors(), b.factors())) {
				return false;
			}
		}
		return true;
	}

	private static boolean sameFactors(List<FactorRef> a, List<FactorRef> b) {
		if (a.size() != b.size()) {
			return false;
		}
		for (int i = 0; i < a.size(); i++) {
			FactorRef x = a.get(i);
			FactorRef y = b.get(i);
			boolean sameValue = x.value() == null ? y.value() == null : y.value() != null && x.value().compareTo(y.value()) == 0;
			if (!x.code().equals(y.code()) || x.version() != y.version() || !sameValue) {
				return false;
			}
		}
		return true;
	}

	/** The distinct factor codes of a report's results, sorted. */
	static TreeSet<String> factorCodes(List<LineResult> results) {
		TreeSet<String> codes = new TreeSet<>();
		results.forEach(r -> r.factors().forEach(f -> codes.add(f.code())));
		return codes;
	}

	/** The stored form of the factors a line used. */
	String refsJson(List<FactorUsed> used) {
		return json.writeValueAsString(FactorRef.of(used));
	}

	private record Row(long id, int lineNo, Calculation.Scope scope, String category, EnergyUse energyUse, BigDecimal co2T,
			BigDecimal co2MarketT, BigDecimal tce, BigDecimal tceEqualValue, BigDecimal energyGj, FactorRef[] factors,
			String formula, String notesJson, List<Calculation.DefaultAssumed> defaults, OffsetDateTime computedAt, String computedBy, String reason,
			OffsetDateTime supersededAt) {
	}

	/** Reads result lines and resolves their factor references in one query on the library. */
	private List<StoredResult> read(String sql, long reportId) {
		List<Row> rows = jdbc.sql(sql).param("id", reportId).query((rs, n) -> row(rs)).list();
		TreeSet<String> codes = new TreeSet<>();
		rows.forEach(r -> List.of(r.factors()).forEach(f -> codes.add(f.code())));
		Map<String, Factor> library = new HashMap<>();
		if (!codes.isEmpty()) {
			factorLibrary.versionsOf(codes.toArray(String[]::new)).forEach(f -> library.put(f.code() + "/" + f.version(), f));
		}
		List<StoredResult> results = new ArrayList<>(rows.size());
		for (Row r : rows) {
			List<FactorUsed> used = new ArrayList<>(r.factors().length);
			for (FactorRef ref : r.factors()) {
				Factor f = library.get(ref.code() + "/" + ref.version());
				if (f == null) {
					throw new IllegalStateException("result " + r.id() + " names factor " + ref.code() + " version " + ref.version()
							+ ", which the library does not hold");
				}
				used.add(new FactorUsed(ref.code(), ref.version(), ref.value(), f.unit(), f.source(), f.tag(), f.tag().verified()));
			}
			results.add(new StoredResult(r.id(), r.lineNo(), r.scope(), r.category(), r.energyUse(), Tco2.of(r.co2T()), Tco2.of(r.co2MarketT()),
					Tce.of(r.tce()), Tce.of(r.tceEqualValue()), Gj.of(r.energyGj()), List.copyOf(used), r.formula(), r.notesJson(), r.defaults(), r.computedAt().toInstant(),
					r.computedBy(), r.reason(), r.supersededAt() == null ? null : r.supersededAt().toInstant()));
		}
		return results;
	}

	/** The stored defaults of a line; null for a line stored before they were (its notes alone say them). */
	private List<Calculation.DefaultAssumed> defaults(String stored) {
		return stored == null ? null : List.of(json.readValue(stored, Calculation.DefaultAssumed[].class));
	}

	private Row row(ResultSet rs) throws SQLException {
		return new Row(rs.getLong("id"), rs.getInt("line_no"), Calculation.Scope.valueOf(rs.getString("scope")), rs.getString("category"),
				EnergyUse.valueOf(rs.getString("energy_use")), Calculator.strip(rs.getBigDecimal("co2_t")),
				Calculator.strip(rs.getBigDecimal("co2_market_t")), Calculator.strip(rs.getBigDecimal("tce")),
				Calculator.strip(rs.getBigDecimal("tce_equal_value")), Calculator.strip(rs.getBigDecimal("energy_gj")),
				json.readValue(rs.getString("factors"), FactorRef[].class), rs.getString("formula"), rs.getString("notes"),
				defaults(rs.getString("defaults")), rs.getObject("computed_at", OffsetDateTime.class), rs.getString("computed_by"), rs.getString("reason"),
				rs.getObject("superseded_at", OffsetDateTime.class));
	}
}
