package org.peakpilot.platform;

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
	VERIFIER;

	public boolean isCityWide() {
		return this == CITY_ADMIN || this == CITY_OFFICER;
	}
}
