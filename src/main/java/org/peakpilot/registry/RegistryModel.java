package org.peakpilot.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The registry's published shapes. */
public final class RegistryModel {

	private RegistryModel() {
	}

	/** Key energy-using units (重点用能单位) use at least this much energy a year. */
	public static final BigDecimal KEY_ENERGY_UNIT_TCE = BigDecimal.valueOf(5000);

	public record Region(String code, String nameZh, String level, String parentCode) {
	}

	public record Park(long id, String code, String nameZh, String nameEn, String countyCode, String zoneCode) {
		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	public record Industry(String code, String nameZh, String nameEn, String sector, String source) {
		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	/** An admission control zone of the plan with the parks that lie in it. */
	public record ZoneMembership(String zoneCode, String nameZh, String nameEn, String countyCode, String industryEn,
			BigDecimal maxTco2Per10kCny, int fromYear, List<Park> parks) {
	}

	public record Enterprise(long id, String uscc, String name, String countyCode, String countyName,
			String industryCode, String industryName, Long parkId, String parkName, boolean keyEnergyUnit,
			BigDecimal annualEnergyTce, Instant createdAt, Instant updatedAt) {
	}

	/**
	 * Published when an officer changes the county, park or industry of an enterprise, inside the transaction that
	 * changes it. Modules that copy these owner columns into their rows update them in a plain (synchronous)
	 * {@code @EventListener}, so the enterprise's data moves with it or, if a listener fails, nothing moves.
	 */
	public record EnterpriseMoved(long enterpriseId, String fromCountyCode, Long fromParkId, String fromIndustryCode,
			String countyCode, Long parkId, String industryCode) {
	}

	/** What an officer enters to register or change an enterprise. */
	public record EnterpriseForm(String uscc, String name, String countyCode, String industryCode, Long parkId,
			Boolean keyEnergyUnit, BigDecimal annualEnergyTce) {
	}

	/** Filters for the enterprise list; every one optional. */
	public record EnterpriseQuery(String text, String countyCode, String industryCode, Long parkId, Boolean keyEnergyUnit) {
		public static final EnterpriseQuery ALL = new EnterpriseQuery(null, null, null, null, null);
	}
}
