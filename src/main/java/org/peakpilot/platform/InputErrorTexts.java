package org.peakpilot.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The errors of a form or an Excel import in the reader's language (Thymeleaf: {@code ${@errorTexts.message(e)}}).
 * The API keeps its English messages (RFC 9457 problems name the field); a Chinese page translates each known message
 * through {@code input.error.*} keys, its figures and quoted values kept, and shows an unknown one as it is. The row
 * and the column (sheet, letter and header) stay in their own columns of the error table.
 */
@Component("errorTexts")
public class InputErrorTexts {

	/** English message pattern (whole message) → key; more specific patterns first. */
	private static final List<Rule> RULES = new ArrayList<>();

	static {
		rule("month (\\d+) cannot be imported: (.*)", "monthRejected");
		rule("'(.*)' is not a number", "notANumber");
		rule("the formula =(.*) has no calculated value: open the file in Excel and save it, or type the value", "formula");
		rule("expected the header '(.*)', found '(.*)'", "header");
		rule("the file is empty", "fileEmpty");
		rule("the file is not a readable Excel workbook \\(\\.xlsx\\); download the template and fill it in", "notExcel");
		rule("the file has (\\d+) KiB; at most (\\d+) MiB are accepted", "fileTooLarge");
		rule("the workbook has no sheet '(.*)'; download the report template of this enterprise and year and fill it in", "noSheet");
		rule("the workbook holds no data: fill in at least one row of '(.*)' or '(.*)'", "noData");
		rule("the sheets? ha(?:s|ve) (\\d+) rows; at most (\\d+)", "tooManyRows");
		rule("this template is for (\\d+), but the import is for (\\d+); download the template of \\d+ or import into \\d+", "templateYear");
		rule("at most (\\d+) meters per file", "tooManyMeters");
		rule("the sheet holds no meter: fill in one meter per row below the header", "noMeter");
		rule("must lie between (\\S+) and (\\S+), got (.*)", "between");
		rule("must be above 0 and at most (\\S+), got (.*)", "aboveZeroAtMost");
		rule("at most (\\d+) characters, got (\\d+)", "tooLong");
		rule("at most (\\S+), got (.*)", "atMost");
		rule("a month is a whole number from 1 to 12, got (.*)", "month");
		rule("a year is a whole number, got (.*)", "year");
		rule("the year is empty", "yearEmpty");
		rule("the value is empty", "valueEmpty");
		rule("'(.*)' is neither COUNTER nor INTERVAL", "meterKind");
		rule("1, 5, 15 or 60 minutes, got (.*)", "interval");
		rule("no factor '(.*)' in force in (\\d+)", "noFactor");
		rule("a factor code is required", "factorRequired");
		rule("a quantity is required", "quantityRequired");
		rule("a quantity cannot be negative \\(exports have their own line types\\)", "quantityNegative");
		rule("(.*) is implausibly large", "implausible");
		rule("unit '(.*)' is not allowed here; use one of (.*)", "unit");
		rule("unknown product; one of (.*)", "unknownProduct");
		rule("(\\S+) is not a product of this enterprise's industry; one of (.*)", "notOwnProduct");
		rule("(\\S+) appears twice", "twice");
		rule("cannot be negative", "negative");
		rule("must be positive", "positive");
		rule("a mass fraction lies between 0 and 1 \\(e\\.g\\. 0\\.65 for 65 %\\)", "massFraction");
		rule("(\\S+) is not a factor for a (\\w+) line", "wrongFactor");
		rule("the line type is required: one of (.*)", "lineType");
		rule("meter code '(.*)' is already used by this enterprise", "meterCodeUsed");
		rule("a meter code is required", "meterCodeRequired");
		rule("a name is required", "nameRequired");
		rule("report (\\d+) is (\\w+): only a draft or returned report can be changed(; revise it with a reason)?", "notEditable");
	}

	private static void rule(String regex, String key) {
		RULES.add(new Rule(Pattern.compile(regex, Pattern.DOTALL), "input.error." + key));
	}

	private record Rule(Pattern pattern, String key) {
	}

	private final MessageSource messages;

	InputErrorTexts(MessageSource messages) {
		this.messages = messages;
	}

	/** An error's message in the reader's language. */
	public String message(InputError error) {
		return error == null ? "" : message(error.message());
	}

	/**
	 * An error as one line, "第 3 行，field: message" (or a "field: message" text as some forms list their errors), its
	 * message in the reader's language.
	 */
	public String line(Object error) {
		if (error == null) {
			return "";
		}
		if (error instanceof InputError e) {
			String row = e.row() == null ? ""
					: messages.getMessage("input.error.row", new Object[] { e.row() }, "row " + e.row(), LocaleContextHolder.getLocale()) + ", ";
			return row + (e.field() == null ? "" : e.field() + ": ") + message(e.message());
		}
		String fieldAndMessage = error.toString();
		int colon = fieldAndMessage.indexOf(": ");
		return colon < 0 ? message(fieldAndMessage)
				: fieldAndMessage.substring(0, colon + 2) + message(fieldAndMessage.substring(colon + 2));
	}

	/** A message in the reader's language: English as it is, Chinese when the message is known. */
	public String message(String english) {
		Locale locale = LocaleContextHolder.getLocale();
		if (english == null || "en".equals(locale.getLanguage())) {
			return english == null ? "" : english;
		}
		return translate(english.strip(), locale);
	}

	private String translate(String english, Locale locale) {
		for (Rule r : RULES) {
			Matcher m = r.pattern().matcher(english);
			if (m.matches()) {
				Object[] args = new Object[m.groupCount()];
				for (int i = 0; i < args.length; i++) {
					args[i] = m.group(i + 1);
				}
				if (r.key().equals("input.error.monthRejected")) {
					args[1] = translate(m.group(2), locale);
				}
				if (r.key().equals("input.error.notEditable")) {
					args[1] = messages.getMessage("report.status." + m.group(2), null, m.group(2), locale);
					args[2] = m.group(3) == null ? "" : messages.getMessage("input.error.reviseWithReason", null, "", locale);
				}
				return messages.getMessage(r.key(), args, english, locale);
			}
		}
		return english;
	}
}
