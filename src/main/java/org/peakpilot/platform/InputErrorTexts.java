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
		// admission, key-project library and green library (issue 13): after the rules above, so they shadow none of them
		rule("(?:is )?required", "required");
		rule("(?:is )?empty", "empty");
		rule("(?:is )?required: ([A-Z_]+(?:, [A-Z_]+)* or [A-Z_]+)", "requiredChoice");
		rule("is required: one of \\[(.*)\\]", "requiredOneOf");
		rule("must be a year from (\\d+) to (\\d+)", "yearFromTo");
		rule("must be a year such as (\\d+), got (.*)", "yearSuchAs");
		rule("must be below (\\S+), got (.*)", "below");
		rule("at most (\\d+) decimals", "decimals");
		rule("at most (\\d+) decimals, got (.*)", "decimalsGot");
		rule("must be above 0", "aboveZero");
		rule("must be above 0 when given", "aboveZeroWhenGiven");
		rule("must not be negative", "notNegative");
		rule("at most (\\d+) characters", "charactersMax");
		rule("at most (\\d+) products", "productsMax");
		rule("at most (\\d+) lines", "linesMax");
		rule("at most (\\d+) codes", "codesMax");
		rule("at most (\\d+) conditions", "conditionsMax");
		rule("at most (\\d+) projects per file", "projectsPerFile");
		rule("at most (\\d+) MiB, got (\\d+) KiB", "documentTooLarge");
		rule("must be a PDF, PNG or JPEG document", "documentType");
		rule("must not be before construction_start_year", "beforeConstructionStartYear");
		rule("must not be before construction start \\((.*)\\)", "beforeConstructionStart");
		rule("must not be before the admission \\((.*)\\)", "beforeAdmission");
		rule("must not be after today \\((.*)\\)", "afterToday");
		rule("must not lie before start_year (\\d+)", "beforeStartYear");
		rule("must lie after before_year (\\d+)", "afterBeforeYear");
		rule("must lie between the latest entry's date (\\S+) and today (\\S+)", "progressDate");
		rule("must not be above output_value_10k_cny", "aboveOutputValue");
		rule("must not be below the quantity", "belowQuantity");
		rule("at most the total investment (\\S+) 万元", "atMostInvestmentOf");
		rule("at most the total investment", "atMostInvestment");
		rule("unknown county; one of \\[(.*)\\]", "unknownCounty");
		rule("unknown park; one of \\[(.*)\\]", "unknownPark");
		rule("unknown industry \\(GB/T 4754\\); one of \\[(.*)\\]", "unknownIndustry");
		rule("park (\\S+) lies in county (\\S+), not in (\\S+)", "parkCounty");
		rule("product (\\S+) is listed twice", "productTwice");
		rule("unit not allowed: (\\S+) is stated in (.*)", "productUnit");
		rule("unknown line type '(.*)'", "unknownLineType");
		rule("unknown kind '(.*)'", "unknownKind");
		rule("at least one activity line is required", "linesRequired");
		rule("is required for a REVAMP: the existing plant's co2_t and tce", "baselineRequired");
		rule("only a REVAMP has a baseline", "baselineOnlyRevamp");
		rule("a project is required", "projectRequired");
		rule("required: the project's filing", "filingRequired");
		rule("the applicant enterprise of a filed project does not change", "applicantFixed");
		rule("required: the higher authority's document reference", "documentRefRequired");
		rule("no registered enterprise (\\S+)", "noEnterprise");
		rule("an enterprise user files for its own enterprise only", "ownEnterpriseOnly");
		rule("required: a CONDITIONAL verdict is admitted with its conditions", "conditionsRequired");
		rule("is not a domain of the plan \\(1–(\\d+)\\), got (.*)", "domainNo");
		rule("'(.*)' is not a domain of the plan \\(1–(\\d+) or its name\\)", "domainText");
		rule("is not a county-level division of the registry", "notCounty");
		rule("is not a county code", "notCountyCode");
		rule("is not an enterprise of the registry you may see", "notVisibleEnterprise");
		rule("is required without owner_enterprise_id", "ownerNameRequired");
		rule("is required with an expected saving: say how it was estimated", "estimateMethodRequired");
		rule("must not contain control characters", "controlCharacters");
		rule("is not your county: you may import projects of your county only", "notYourCounty");
		rule("the sheet holds no project: fill in one project per row below the header", "noProject");
		rule("no enterprise you may see has the credit code (.*)", "noCreditCode");
		rule("'(.*)' is not a stage: 储备, 在建, 建成 or 投运", "stage");
		rule("'(.*)' is out of range", "outOfRange");
		rule("give realised_co2_t, realised_tce or both", "realisedRequired");
		rule("is required without a document: the evidence is a reference number or a document", "evidenceRequired");
		rule("is required for a project", "categoryRequired");
		rule("'(.*)' is not a category of the catalogue \\[(.*)\\]", "notCategoryOf");
		rule("is not a category of the catalogue", "notCategory");
		rule("belongs to a project application, not to an enterprise's", "projectOnly");
		rule("is required: the evaluation is (\\w+), say why it is listed anyway", "listAnyway");
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
				if (r.key().equals("input.error.listAnyway")) {
					args[0] = messages.getMessage("greenlib.outcome." + m.group(1), null, m.group(1), locale);
				}
				return messages.getMessage(r.key(), args, english, locale);
			}
		}
		return english;
	}
}
