package org.peakpilot.accounting;

import java.util.Locale;

/** A product a report can state (its code, names, unit and sector). */
@io.swagger.v3.oas.annotations.media.Schema(description = "A product a report can state · 报告可填报的产品")
public record Product(
		@io.swagger.v3.oas.annotations.media.Schema(example = "CLINKER", description = "The product's code, used as productCode · 产品代码") String code,
		@io.swagger.v3.oas.annotations.media.Schema(example = "熟料", description = "Name in Chinese · 中文名称") String nameZh,
		@io.swagger.v3.oas.annotations.media.Schema(example = "Clinker", description = "Name in English · 英文名称") String nameEn,
		@io.swagger.v3.oas.annotations.media.Schema(example = "t", description = "The unit its quantity is stated in (t, or m² for tiles) · 产量单位") String unit,
		@io.swagger.v3.oas.annotations.media.Schema(example = "cement", description = "The sector it belongs to (steel, cement, ceramics, chemicals, polysilicon, other) · 所属行业") String sector) {

	public String name(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
	}
}
