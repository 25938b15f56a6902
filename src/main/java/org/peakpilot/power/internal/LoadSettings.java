package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An enterprise's flexible-load share (可调节负荷比例, %) and optional fixed alert threshold (kWh in an hour), set by
 * the enterprise itself or the city office (county officers and parks read them); audited.
 */
@Component
public class LoadSettings {

	public static final BigDecimal SHARE_MAX = BigDecimal.valueOf(100);
	public static final BigDecimal THRESHOLD_MAX = new BigDecimal("1000000000");

	// The stored setting, or the default share when none is stored ({@code stored} false).
	public record LoadSetting(long enterpriseId, BigDecimal flexibleSharePct, BigDecimal alertThresholdKwh, boolean stored, String updatedBy,
			Instant updatedAt) {
	}

	private final JdbcClient jdbc;
	private final Registry registry;
	private final AuditLog audit;
	private final Clock clock;
	private final BigDecimal defaultShare;

	LoadSettings(JdbcClient jdbc, Registry registry, AuditLog audit, Clock clock,
			@Value("${peakpilot.power.flexible-share-default:10}") BigDecimal defaultShare) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.audit = audit;
		this.clock = clock;
		this.defaultShare = defaultShare;
	}

	/** The enterprise's setting (no scope check: callers have read the enterprise through the registry). */
	public LoadSetting of(long enterpriseId) {
		return find(enterpriseId).orElse(new LoadSetting(enterpriseId, defaultShare, null, false, null, null));
	}

	Optional<LoadSetting> find(long enterpriseId) {
		return jdbc.sql("SELECT flexible_share_pct, alert_threshold_kwh, updated_by, updated_at FROM power_load_setting WHERE enterprise_id = :e")
			.param("e", enterpriseId)
			.query((rs, n) -> new LoadSetting(enterpriseId, rs.getBigDecimal(1), rs.getBigDecimal(2), true, rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** Whether the caller may change the enterprise's setting: its own user, or a city-wide role. */
	public boolean canChange(RegistryModel.Enterprise e) {
		AccessScope scope = AccessScope.current();
		return scope.isCityWide() || (scope.hasRole(Role.ENTERPRISE_USER) && scope.canRead(new Owner(e.countyCode(), e.parkId(), e.id())));
	}

	@Transactional
	public LoadSetting save(long enterpriseId, BigDecimal sharePct, BigDecimal thresholdKwh) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		if (!canChange(e)) {
			throw new AccessDeniedException(AccessScope.current().actor() + " may not change the load setting of enterprise " + enterpriseId);
		}
		if (sharePct == null) {
			throw new InvalidInputException("flexibleSharePct", "the flexible share is required (0–100 %)");
		}
		if (sharePct.signum() < 0 || sharePct.compareTo(SHARE_MAX) > 0 || sharePct.stripTrailingZeros().scale() > 2) {
			throw new InvalidInputException("flexibleSharePct", "the flexible share is a percentage from 0 to 100 with at most 2 decimals");
		}
		if (thresholdKwh != null && (thresholdKwh.signum() <= 0 || thresholdKwh.compareTo(THRESHOLD_MAX) > 0
				|| thresholdKwh.stripTrailingZeros().scale() > 3)) {
			throw new InvalidInputException("alertThresholdKwh", "the threshold is above 0 and at most 10^9 kWh, with at most 3 decimals");
		}
		LoadSetting before = find(enterpriseId).orElse(null);
		jdbc.sql("""
				INSERT INTO power_load_setting (enterprise_id, flexible_share_pct, alert_threshold_kwh, updated_by, updated_at)
				VALUES (:e, :s, :t, :by, :now)
				ON CONFLICT (enterprise_id) DO UPDATE SET flexible_share_pct = excluded.flexible_share_pct,
				  alert_threshold_kwh = excluded.alert_threshold_kwh, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.param("e", enterpriseId).param("s", sharePct).param("t", thresholdKwh).param("by", AccessScope.current().actor())
			.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
		LoadSetting after = find(enterpriseId).orElseThrow();
		audit.record("power.load-setting.saved", "enterprise", enterpriseId, before, after);
		return after;
	}
}
