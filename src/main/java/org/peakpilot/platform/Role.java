package org.peakpilot.platform;

import java.util.Arrays;
import java.util.List;

/** What a signed-in user may do; the scope (county, park, enterprise) comes with the user. */
public enum Role {
	/** 市管理员: all data, manages users. */
	CITY_ADMIN,
	/** 市推进工作组人员: all data. */
	CITY_OFFICER,
	/** 县（市、区）人员: their county. */
	COUNTY_OFFICER,
	/** 园区管理人员: their park. */
	PARK_MANAGER,
	/** 企业用户: their own enterprise. */
	ENTERPRISE_USER,
	/** 核查机构: the enterprises assigned to them, read and verify. */
	VERIFIER,
	/** 林业部门人员: records the forestry bureau's verified sink increments; reaches only the sink ledger and its account. */
	FORESTRY_OFFICER,
	/** 银行/金融机构用户: a bank's user; reads the green enterprise and project library and its export, nothing else. */
	BANK,
	/**
	 * 碳普惠用户: a citizen or visitor who signed up to the carbon-inclusive scheme (碳普惠) with a phone number or an
	 * e-mail address; reaches its own H5 pages under {@code /inclusive} and its own data only, nothing of the platform.
	 */
	CITIZEN,
	/**
	 * 碳普惠合作方: a partner of the carbon-inclusive scheme (a transit, bike-share or scenic-area operator, a hotel, an
	 * event organiser); pushes trips and reads its own data under {@code /inclusive/partner} and
	 * {@code /api/v1/inclusive/partner}, nothing of the platform.
	 */
	PARTNER,
	/**
	 * 监控采集账号: a Prometheus server (or another scraper) reading {@code /actuator/prometheus} with HTTP Basic or a
	 * personal token; reaches that and its own account page, nothing else (no page, no API, no data; docs/deploy.md).
	 */
	METRICS,
	/**
	 * 采集终端: a meter gateway of one enterprise, signed in with a device token ({@link DeviceCredentials}); it may
	 * only send readings of its enterprise's meters. Never a user's role.
	 */
	DEVICE;

	public boolean isCityWide() {
		return this == CITY_ADMIN || this == CITY_OFFICER;
	}

	/** The roles a person (a user account) can have: all but {@link #DEVICE}. */
	public static List<Role> userRoles() {
		return Arrays.stream(values()).filter(r -> r != DEVICE).toList();
	}

	/**
	 * The roles of the platform's own staff and enterprises: every user role but the carbon-inclusive scheme's public
	 * ones and {@link #METRICS}.
	 */
	public static List<Role> staffRoles() {
		return userRoles().stream().filter(r -> r != CITIZEN && r != PARTNER && r != METRICS).toList();
	}

	/** Whether the role belongs to the carbon-inclusive scheme's public side (citizens and partners). */
	public boolean isInclusivePublic() {
		return this == CITIZEN || this == PARTNER;
	}
}
