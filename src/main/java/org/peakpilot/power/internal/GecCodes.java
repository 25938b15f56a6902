package org.peakpilot.power.internal;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.platform.InvalidInputException;

/**
 * The structure of a green certificate's code (绿证编码). What is sourced ([V] wanggaofeng.com/article-87289-1.html,
 * reprinting 易碳家 / 中国碳交易网, 2025-03-26; ../shared/INCLUSIVE-POWER.md §2): 32 characters; the first 17 are the
 * project's filing code (项目建档立卡编码) holding, left to right, project type, energy type, technology type,
 * approval (filing) date, location, sequence code and check code; the last 15 are the output code holding, left to
 * right, production date, GEC sequence code, electricity class and trade class. Letters and digits only.
 * <p>
 * [U]/[NF] The width of each field inside the two parts, the code tables of the classes and the check-code
 * algorithm were searched for and not found: this class therefore splits a code into its two parts and names their
 * fields in order, but does not cut the fields apart, decode their values or verify the check code. A code that
 * passes here is well-formed, not proven genuine; the trading platform's export is the authority.
 * Lower-case letters are accepted and stored upper-case; surrounding blanks are ignored.
 */
public final class GecCodes {

	public static final int LENGTH = 32;
	public static final int PROJECT_LENGTH = 17;
	public static final int OUTPUT_LENGTH = 15;

	/** The fields of the project part, in order (widths [U]). */
	public static final List<String> PROJECT_FIELDS = List.of("project type · 项目类型", "energy type · 能源类型",
			"technology type · 技术类型", "approval (filing) date · 核准（备案）时间", "location · 地址", "sequence code · 顺序码",
			"check code · 校验码");
	/** The fields of the output part, in order (widths [U]). */
	public static final List<String> OUTPUT_FIELDS = List.of("production date · 电量生产日期", "GEC sequence code · 绿证顺序码",
			"electricity class · 电量分类", "trade class · 交易分类");

	static final String SOURCE = "[verified-secondary] wanggaofeng.com/article-87289-1.html (易碳家/中国碳交易网 2025-03-26): "
			+ "32 = 17 project + 15 output; field order only. Field widths, class code tables and the check algorithm: [not found], not decoded.";

	/** A well-formed code split into its parts. */
	@Schema(name = "GecCodeParts", description = "A well-formed green certificate code split into its two parts · 绿证编码结构解析")
	public record Decoded(@Schema(description = "The code, upper-case, 32 letters and digits · 绿证编码", example = "A1B2C3D4E5F6G7H8J202403000012345") String code,
			@JsonProperty("project_part") @Schema(description = "Characters 1–17: the project's filing code · 第 1–17 位：项目建档立卡编码") String projectPart,
			@JsonProperty("output_part") @Schema(description = "Characters 18–32: the output code · 第 18–32 位：电量编码") String outputPart,
			@JsonProperty("project_fields") @Schema(description = "Fields of the project part in order (widths not sourced, not cut apart) · 项目编码所含字段（依次）") List<String> projectFields,
			@JsonProperty("output_fields") @Schema(description = "Fields of the output part in order (widths not sourced, not cut apart) · 电量编码所含字段（依次）") List<String> outputFields,
			@Schema(description = "What was checked and what is not decoded, with the source · 校验范围与来源") String basis) {
	}

	private GecCodes() {
	}

	/** Validates and splits a code; an {@link InvalidInputException} naming {@code field} says what is wrong. */
	public static Decoded decode(String field, String raw) {
		String code = normalise(field, raw);
		return new Decoded(code, code.substring(0, PROJECT_LENGTH), code.substring(PROJECT_LENGTH), PROJECT_FIELDS, OUTPUT_FIELDS, SOURCE);
	}

	/** The code upper-case, or an {@link InvalidInputException} naming {@code field}: length, then the first bad character. */
	public static String normalise(String field, String raw) {
		if (raw == null || raw.isBlank()) {
			throw new InvalidInputException(field, "a green certificate code is required: 32 letters and digits");
		}
		String code = raw.strip();
		if (code.length() != LENGTH) {
			throw new InvalidInputException(field, "the code has " + code.length() + " characters; a green certificate code has 32 "
					+ "(17 of the project part and 15 of the output part)");
		}
		for (int i = 0; i < LENGTH; i++) {
			char c = code.charAt(i);
			boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
			if (!ok) {
				String part = i < PROJECT_LENGTH ? "project part, characters 1–17" : "output part, characters 18–32";
				throw new InvalidInputException(field, "character " + (i + 1) + " (" + shown(c) + ", " + part
						+ ") is not a letter or digit: a green certificate code has letters A–Z and digits 0–9 only");
			}
		}
		return code.toUpperCase(Locale.ROOT);
	}

	private static String shown(char c) {
		return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
	}
}
