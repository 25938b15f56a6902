package org.peakpilot.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.shared.Uscc;

/** The registry's published shapes. */
public final class RegistryModel {

	private RegistryModel() {
	}

	/** Key energy-using units (重点用能单位) use at least this much energy a year. */
	/** The threshold of a key energy-using unit, tce a year (text for annotations, the figure for rules). */
	static final String KEY_ENERGY_UNIT_TCE_TEXT = "5000";
	public static final BigDecimal KEY_ENERGY_UNIT_TCE = new BigDecimal(KEY_ENERGY_UNIT_TCE_TEXT);

	@Schema(description = "The city or one of its county-level divisions · 城市或其区县")
	public record Region(
			@Schema(example = "511102", description = "Region code (GB/T 2260), 6 digits · 行政区划代码") String code,
			@Schema(example = "市中区", description = "Name, Chinese · 名称（中文）") String nameZh,
			@Schema(example = "市辖区 district", description = "The division's type as the plan folder names it, Chinese and English "
					+ "(prefecture-level city, district, county, county-level city) · 区划类型") String level,
			@Schema(example = "511100", description = "The city's code; absent for the city itself · 上级（城市）代码") String parentCode) {
	}

	@Schema(description = "An industrial park · 园区")
	public record Park(
			@Schema(example = "2", description = "Id of the park · 园区编号") long id,
			@Schema(example = "SHAWAN-EDZ", description = "The park's code in the plan folder · 园区代码") String code,
			@Schema(example = "四川乐山沙湾经济开发区", description = "Name, Chinese · 名称（中文）") String nameZh,
			@Schema(example = "Sichuan Leshan Shawan Economic Development Zone", description = "Name, English · 名称（英文）") String nameEn,
			@Schema(example = "511111", description = "County-level division it lies in (GB/T 2260) · 所在区县代码") String countyCode,
			@Schema(example = "SHAWAN-STEEL", description = "Admission control zone it lies in; absent outside one · 所属准入管控区代码") String zoneCode) {
		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	@Schema(description = "An industry of the registry (GB/T 4754) · 行业")
	public record Industry(
			@Schema(example = "3011", description = "GB/T 4754 code · 行业代码") String code,
			@Schema(example = "水泥制造", description = "Name, Chinese · 名称（中文）") String nameZh,
			@Schema(example = "Cement manufacturing", description = "Name, English · 名称（英文）") String nameEn,
			@Schema(example = "cement", description = "The plan's sector it belongs to (steel, cement, ceramics, chemicals, polysilicon, …), "
					+ "which picks the report template · 所属重点行业") String sector,
			@Schema(example = "GB/T 4754-2017", description = "The standard or document the code comes from · 代码来源") String source) {
		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	/** An admission control zone of the plan with the parks that lie in it. */
	@Schema(description = "An admission control zone with its parks · 准入管控区及其园区")
	public record ZoneMembership(
			@Schema(example = "SHAWAN-STEEL", description = "The zone's code · 管控区代码") String zoneCode,
			@Schema(description = "Name, Chinese · 名称（中文）") String nameZh,
			@Schema(description = "Name, English · 名称（英文）") String nameEn,
			@Schema(example = "511111", description = "County-level division it lies in (GB/T 2260) · 所在区县代码") String countyCode,
			@Schema(description = "The industry it admits, English · 准入行业（英文）") String industryEn,
			@Schema(example = "4.03", description = "Cap of a new project's carbon intensity, tCO2 per 10k CNY (吨/万元) "
					+ "· 新建项目碳排放强度上限，吨二氧化碳/万元") BigDecimal maxTco2Per10kCny,
			@Schema(example = "2025", description = "The year the cap applies from · 上限起始年份") int fromYear,
			@Schema(description = "The parks that lie in the zone · 区内园区") List<Park> parks) {
	}

	@Schema(description = "A registered enterprise · 已登记企业")
	public record Enterprise(
			@Schema(example = "42", description = "Id of the enterprise · 企业编号") long id,
			@Schema(pattern = Uscc.PATTERN, example = "91511100MA62Q0AB19",
					description = "Unified social credit code (GB 32100), 18 characters · 统一社会信用代码") String uscc,
			@Schema(example = "乐山示例水泥有限公司", description = "Registered name · 企业注册名称") String name,
			@Schema(example = "511102", description = "County-level division (GB/T 2260) · 所在区县代码") String countyCode,
			@Schema(example = "市中区", description = "The county's name, Chinese · 区县名称") String countyName,
			@Schema(example = "3011", description = "Industry (GB/T 4754) · 国民经济行业代码") String industryCode,
			@Schema(example = "水泥制造", description = "The industry's name, Chinese · 行业名称") String industryName,
			@Schema(description = "Park it lies in; absent outside a park · 所在园区编号") Long parkId,
			@Schema(description = "The park's name, Chinese; absent outside a park · 园区名称") String parkName,
			@Schema(description = "Key energy-using unit (annual energy use at least " + KEY_ENERGY_UNIT_TCE_TEXT + " tce) "
					+ "· 是否重点用能单位（年综合能耗 ≥ 5000 吨标准煤）") boolean keyEnergyUnit,
			@Schema(example = "86000", description = "Annual energy use, tce (tonnes of standard coal equivalent); absent when "
					+ "not entered · 年综合能耗（吨标准煤）") BigDecimal annualEnergyTce,
			@Schema(description = "When it was registered · 登记时间") Instant createdAt,
			@Schema(description = "When it was last changed · 最近修改时间") Instant updatedAt) {
	}

	/**
	 * Published when an officer changes the county, park or industry of an enterprise, inside the transaction that
	 * changes it. Modules that copy these owner columns into their rows update them in a plain (synchronous)
	 * {@code @EventListener}, so the enterprise's data moves with it or, if a listener fails, nothing moves.
	 */
	public record EnterpriseMoved(long enterpriseId, String fromCountyCode, Long fromParkId, String fromIndustryCode,
			String countyCode, Long parkId, String industryCode) {
	}

	/**
	 * What an officer enters to register or change an enterprise. The limits here are the ones {@link Registry}
	 * validates with; the OpenAPI document states them from the same constants.
	 */
	@Schema(description = "An enterprise to register or change · 登记或修改的企业", example = """
			{"uscc": "91511100MA62Q0AB19", "name": "乐山示例水泥有限公司", "countyCode": "511102", "industryCode": "3011",
			 "parkId": null, "keyEnergyUnit": true, "annualEnergyTce": 86000}""")
	public record EnterpriseForm(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Uscc.PATTERN, example = "91511100MA62Q0AB19",
					description = "Unified social credit code (GB 32100), 18 characters, the last a check character; "
							+ "lower case and surrounding spaces are accepted · 统一社会信用代码（18 位，含校验码）") String uscc,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = NAME_MIN, maxLength = NAME_MAX, example = "乐山示例水泥有限公司",
					description = "Registered name · 企业注册名称") String name,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "511102",
					description = "County-level division of the city (GB/T 2260), one of /api/v1/registry/regions · 所在区县代码") String countyCode,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "3011",
					description = "Industry (GB/T 4754), one of /api/v1/registry/industries · 国民经济行业代码") String industryCode,
			@Schema(description = "Park (one of /api/v1/registry/parks) in the same county; absent outside a park · 所在园区") Long parkId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "true",
					description = "Key energy-using unit (annual energy use at least " + KEY_ENERGY_UNIT_TCE_TEXT + " tce); must agree "
							+ "with annualEnergyTce when both are given · 是否重点用能单位（年综合能耗 ≥ 5000 吨标准煤）") Boolean keyEnergyUnit,
			@Schema(minimum = "0", maximum = ANNUAL_TCE_MAX, example = "86000",
					description = "Annual energy use, tce (tonnes of standard coal equivalent) · 年综合能耗（吨标准煤）") BigDecimal annualEnergyTce) {

		/** Shortest and longest registered name. */
		public static final int NAME_MIN = 2;
		public static final int NAME_MAX = 200;
		/** The largest annual energy use accepted, tce. */
		public static final String ANNUAL_TCE_MAX = "1000000000";
	}

	/** Filters for the enterprise list; every one optional. */
	public record EnterpriseQuery(String text, String countyCode, String industryCode, Long parkId, Boolean keyEnergyUnit) {
		public static final EnterpriseQuery ALL = new EnterpriseQuery(null, null, null, null, null);
	}
}
