package org.peakpilot.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller's scope: the one mechanism that filters every query and guards every write, for pages and API
 * alike. Entry points ask {@link #current()} and apply {@link #where} to their SQL and {@link #requireManage}
 * or {@link #requireRole} before writing; controllers never decide scope themselves.
 *
 * @param actor       user name recorded in lineage and audit ({@code anonymous} for the public)
 * @param role        the role, {@code null} for the public
 * @param countyCode  the county of a county officer
 * @param parkId      the park of a park manager
 * @param enterprises the enterprise of an enterprise user, or the enterprises assigned to a verifier
 */
public record AccessScope(String actor, Role role, String countyCode, Long parkId, Set<Long> enterprises) {

	public AccessScope {
		enterprises = enterprises == null ? Set.of() : Set.copyOf(enterprises);
	}

	public static final AccessScope PUBLIC = new AccessScope("anonymous", null, null, null, Set.of());

	/** The scope of the current request or of the running {@link SystemActor}; the public when nobody signed in. */
	public static AccessScope current() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof PeakPilotUser user) {
			return user.scope();
		}
		if (auth != null && auth.getPrincipal() instanceof DevicePrincipal device) {
			return device.scope();
		}
		return PUBLIC;
	}

	public boolean isPublic() {
		return role == null;
	}

	/** A meter gateway's scope: it can read nothing and write only readings of its one enterprise. */
	public static AccessScope device(String actor, long enterpriseId) {
		return new AccessScope(actor, Role.DEVICE, null, null, Set.of(enterpriseId));
	}

	/** Whether this is the scope of a meter gateway of the given enterprise. */
	public boolean isDeviceOf(long enterpriseId) {
		return role == Role.DEVICE && enterprises.contains(enterpriseId);
	}

	public boolean isCityWide() {
		return role != null && role.isCityWide();
	}

	/** Whether the caller may read a row with this owner. */
	public boolean canRead(Owner owner) {
		if (role == null) {
			return false;
		}
		return switch (role) {
			case CITY_ADMIN, CITY_OFFICER -> true;
			case COUNTY_OFFICER -> countyCode.equals(owner.countyCode());
			case PARK_MANAGER -> parkId.equals(owner.parkId());
			case ENTERPRISE_USER, VERIFIER -> owner.enterpriseId() != null && enterprises.contains(owner.enterpriseId());
			case FORESTRY_OFFICER, BANK, CITIZEN, PARTNER, METRICS, DEVICE -> false;
		};
	}

	/** Whether the caller may create or change master data (an enterprise's registration) with this owner. */
	public boolean canManage(Owner owner) {
		if (role == null) {
			return false;
		}
		return switch (role) {
			case CITY_ADMIN, CITY_OFFICER -> true;
			case COUNTY_OFFICER, PARK_MANAGER -> canRead(owner);
			case ENTERPRISE_USER, VERIFIER, FORESTRY_OFFICER, BANK, CITIZEN, PARTNER, METRICS, DEVICE -> false;
		};
	}

	public void requireRead(Owner owner) {
		if (!canRead(owner)) {
			throw new AccessDeniedException("outside the caller's scope");
		}
	}

	public void requireManage(Owner owner) {
		if (!canManage(owner)) {
			throw new AccessDeniedException(actor + " may not change data of " + describe(owner));
		}
	}

	public void requireRole(Role... allowed) {
		for (Role r : allowed) {
			if (r == role) {
				return;
			}
		}
		throw new AccessDeniedException(actor + " lacks one of the roles " + List.of(allowed));
	}

	public boolean hasRole(Role... allowed) {
		for (Role r : allowed) {
			if (r == role) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A SQL condition that keeps only the rows this scope may read, for a table whose owner columns are named
	 * here (pass {@code null} for a column the table lacks: rows then never match a scope that needs it).
	 */
	public SqlCondition where(String countyColumn, String parkColumn, String enterpriseColumn) {
		if (role == null) {
			return SqlCondition.NONE;
		}
		return switch (role) {
			case CITY_ADMIN, CITY_OFFICER -> SqlCondition.ALL;
			case COUNTY_OFFICER -> column(countyColumn, "scope_county", countyCode);
			case PARK_MANAGER -> column(parkColumn, "scope_park", parkId);
			case ENTERPRISE_USER, VERIFIER -> enterprises.isEmpty() || enterpriseColumn == null ? SqlCondition.NONE
					: new SqlCondition(enterpriseColumn + " IN (:scope_enterprises)", Map.of("scope_enterprises", List.copyOf(enterprises)));
			case FORESTRY_OFFICER, BANK, CITIZEN, PARTNER, METRICS, DEVICE -> SqlCondition.NONE;
		};
	}

	private static SqlCondition column(String column, String param, Object value) {
		if (column == null) {
			return SqlCondition.NONE;
		}
		Map<String, Object> params = new LinkedHashMap<>();
		params.put(param, value);
		return new SqlCondition(column + " = :" + param, params);
	}

	private static String describe(Owner owner) {
		return "county " + owner.countyCode() + ", park " + owner.parkId() + ", enterprise " + owner.enterpriseId();
	}

	/** A SQL boolean expression with its named parameters, to AND into a WHERE clause. */
	public record SqlCondition(String sql, Map<String, Object> params) {
		static final SqlCondition ALL = new SqlCondition("TRUE", Map.of());
		static final SqlCondition NONE = new SqlCondition("FALSE", Map.of());
	}
}
