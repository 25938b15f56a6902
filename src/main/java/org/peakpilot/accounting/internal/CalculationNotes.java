package org.peakpilot.accounting.internal;

import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.DisplayNames;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.peakpilot.accounting.Calculation.DefaultAssumed;
import org.peakpilot.accounting.Calculation.LineResult;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The calculator's notes of a line as a reader sees them (Thymeleaf: {@code ${@calcNotes.of(result)}} on the form's
 * live figures, {@code ${@calcNotes.stored(notes, defaults)}} on a saved report), in the request's language. A default the
 * calculator assumed reads "缺省值：低位发热量 19.57 吉焦/吨（烟煤，GB/T 32151.22-2024 附录C 表C.1）": the parameter,
 * value and unit from the structured {@link DefaultAssumed}, the factor's name and citation from {@link DisplayNames},
 * and its verification tag as a badge; the factor library's research notes (the stored source text) are never shown.
 * The API keeps the calculator's structured fields and English notes as they are.
 */
@Component("calcNotes")
public class CalculationNotes {

	/**
	 * One note: its text, the verification tag shown beside it as a badge (null when none), and whether it states an
	 * assumed default (such notes are marked on the page).
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "CalculationNote")
	public record Note(String text, Factor.Tag tag, boolean isDefault) {
	}

	private static final Pattern DEFAULT = Pattern.compile(
			"^default (\\w+) = ([-+0-9.Ee]+)(.*?)(?: \\(([A-Z0-9][A-Z0-9_-]*)(?: v(\\d+))?\\))?(?:: (.*))?$", Pattern.DOTALL);
	private static final Pattern MEASURED = Pattern.compile("^measured (NCV|carbon content|oxidation rate) ([-+0-9.Ee]+)(.*)$");
	private static final Pattern TAGGED = Pattern.compile("^factor (\\S+) is (\\w+)$");
	private static final Pattern GRID = Pattern.compile("^grid factor (\\S+) (\\d{4})(?: \\(latest year not after (\\d{4})\\))?$");
	private static final Pattern GREEN = Pattern.compile("^([-+0-9.Ee]+) kWh certified green: .*$");
	private static final Pattern RESIDUAL = Pattern.compile(
			"^market-based: ([-+0-9.Ee]+) MWh × residual factor (\\S+) (\\d{4}) ([0-9.]+) tCO2/MWh(?: \\(latest year not after (\\d{4})\\))?$");
	private static final Pattern NO_RESIDUAL = Pattern.compile("^market-based: no residual factor (\\S+) for (\\d{4}) or earlier; .*$");
	private static final Pattern STEAM = Pattern.compile(
			"^En = ([0-9.]+) kJ/kg, (?:saturated steam at ([0-9.]+) MPa \\(([-0-9.]+) °C\\)|steam at ([0-9.]+) MPa, ([-0-9.]+) °C), .*$");
	private static final Pattern CARBONATE_METHOD = Pattern.compile("^.*\\(([A-Z0-9][A-Z0-9_-]*) method note\\)$");
	private static final Pattern LEADING_TAG = Pattern.compile("^\\[([^\\]]+)]");

	private final MessageSource messages;
	private final DisplayNames names;

	CalculationNotes(MessageSource messages, DisplayNames names) {
		this.messages = messages;
		this.names = names;
	}

	/** The notes of a line the calculator just computed: its defaults from their structured fields, then the others. */
	public List<Note> of(LineResult result) {
		return withDefaults(result.notes(), result.defaults() == null ? List.of() : result.defaults());
	}

	/**
	 * The notes of a saved report's line, as stored with its result: the defaults it assumed from their stored
	 * structured fields, then its other notes. A line stored before its defaults were ({@code defaults} null) has them
	 * only as English notes, which are read as before.
	 */
	public List<Note> stored(List<String> stored, List<DefaultAssumed> defaults) {
		if (defaults != null) {
			return withDefaults(stored, defaults);
		}
		List<Note> notes = new ArrayList<>();
		for (String n : stored == null ? List.<String>of() : stored) {
			notes.add(note(n));
		}
		return notes;
	}

	private List<Note> withDefaults(List<String> stored, List<DefaultAssumed> defaults) {
		List<Note> notes = new ArrayList<>();
		List<String> defaultTexts = new ArrayList<>();
		for (DefaultAssumed d : defaults) {
			notes.add(assumed(d.parameter(), d.value(), d.unit(), d.factorCode(), tagOf(d.source()), d.source()));
			defaultTexts.add(d.note());
		}
		for (String n : stored == null ? List.<String>of() : stored) {
			if (!defaultTexts.contains(n)) {
				notes.add(note(n));
			}
		}
		return notes;
	}

	/** One stored note in the reader's language; a note of an unknown shape is shown as stored. */
	Note note(String n) {
		if (n == null) {
			return new Note("", null, false);
		}
		Matcher m = DEFAULT.matcher(n);
		if (m.matches()) {
			return assumed(m.group(1), new BigDecimal(m.group(2)), m.group(3).isBlank() ? null : m.group(3).strip(), m.group(4),
					tagOf(m.group(6)), m.group(6));
		}
		m = MEASURED.matcher(n);
		if (m.matches()) {
			String parameter = switch (m.group(1)) {
				case "NCV" -> "NCV";
				case "carbon content" -> m.group(3).strip().equals("tC/t") ? "carbonMassFraction" : "carbonContent";
				default -> "oxidationRate";
			};
			return new Note(msg("calc.note.measured", parameter(parameter), value(parameter, new BigDecimal(m.group(2)),
					m.group(3).isBlank() ? null : m.group(3).strip())), null, false);
		}
		m = TAGGED.matcher(n);
		if (m.matches()) {
			Factor.Tag tag;
			try {
				tag = Factor.Tag.valueOf(m.group(2));
			}
			catch (IllegalArgumentException ex) {
				tag = Factor.Tag.UNTAGGED;
			}
			return new Note(msg("calc.note.factorTag", names.factor(m.group(1))), tag, false);
		}
		m = GRID.matcher(n);
		if (m.matches()) {
			String text = msg("calc.note.grid", names.region(m.group(1)), m.group(2));
			return new Note(m.group(3) == null ? text : text + msg("calc.note.gridLatest", m.group(3)), null, false);
		}
		m = GREEN.matcher(n);
		if (m.matches()) {
			return new Note(msg("calc.note.green", new BigDecimal(m.group(1)).stripTrailingZeros().toPlainString()), null, false);
		}
		m = RESIDUAL.matcher(n);
		if (m.matches()) {
			String text = msg("calc.note.residual", m.group(1), names.region(m.group(2)), m.group(3), m.group(4));
			return new Note(m.group(5) == null ? text : text + msg("calc.note.gridLatest", m.group(5)), null, false);
		}
		m = NO_RESIDUAL.matcher(n);
		if (m.matches()) {
			return new Note(msg("calc.note.noResidual", names.region(m.group(1)), m.group(2)), null, false);
		}
		m = STEAM.matcher(n);
		if (m.matches()) {
			return new Note(m.group(2) != null ? msg("calc.note.steamSaturated", m.group(1), m.group(2), m.group(3))
					: msg("calc.note.steam", m.group(1), m.group(4), m.group(5)), Factor.Tag.COMPUTED, false);
		}
		return switch (n) {
			case "tce by the fuel's GB/T 2589 coefficient" -> new Note(msg("calc.note.tceCoefficient"), null, false);
			case "tce = GJ ÷ 29.3076" -> new Note(msg("calc.note.tceByGj"), null, false);
			case "default factor: no CaO/MgO analysis given" -> new Note(msg("calc.note.noClinkerAnalysis"), null, false);
			case "CaO/MgO analysis of the clinker" -> new Note(msg("calc.note.clinkerAnalysis"), null, false);
			default -> new Note(n, null, n.startsWith("default"));
		};
	}

	/** "缺省值：低位发热量 19.57 吉焦/吨（烟煤，GB/T 32151.22-2024 附录C 表C.1）" or a method's default with its reason. */
	private Note assumed(String parameter, BigDecimal value, String unit, String factorCode, Factor.Tag tag, String source) {
		String what = parameter(parameter) + " " + value(parameter, value, unit);
		String where;
		if (factorCode != null) {
			String citation = names.citation(factorCode);
			where = names.factor(factorCode) + (citation.isEmpty() ? "" : msg("calc.note.separator") + citation);
		}
		else if ("steamTemperature".equals(parameter)) {
			where = msg("calc.default.saturated");
		}
		else if ("fraction".equals(parameter)) {
			Matcher m = source == null ? null : CARBONATE_METHOD.matcher(source);
			where = msg("calc.default.pureCarbonate", m != null && m.matches() ? names.factor(m.group(1)) : "");
		}
		else {
			where = "";
		}
		return new Note(msg("calc.note.default", what, where), factorCode == null ? null : tag, true);
	}

	private String parameter(String parameter) {
		return msg("calc.param." + parameter);
	}

	/** A value with its unit in words; an oxidation rate or fraction as a percentage. */
	private String value(String parameter, BigDecimal value, String unit) {
		if (unit == null && ("oxidationRate".equals(parameter) || "fraction".equals(parameter))) {
			return value.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
		}
		return value.stripTrailingZeros().toPlainString() + (unit == null ? "" : " " + names.unit(unit));
	}

	private static Factor.Tag tagOf(String source) {
		if (source == null) {
			return null;
		}
		Matcher m = LEADING_TAG.matcher(source.strip());
		return m.find() ? Factor.Tag.of(source) : null;
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}
}
