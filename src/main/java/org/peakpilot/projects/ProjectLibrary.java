package org.peakpilot.projects;

import org.springframework.stereotype.Component;

/** The key-project and green libraries (重点项目库、绿色企业和绿色项目库): what other modules may ask of them. */
@Component
public class ProjectLibrary {

	// --- green library (绿色企业和绿色项目库) ---

	@org.springframework.beans.factory.annotation.Autowired
	private org.peakpilot.projects.internal.GreenLibraryStore greenLibrary;

	/**
	 * The enterprises listed in the green library as green enterprises now (status LISTED or FLAGGED, the latter
	 * pending the office's decision), by id; for other modules' read models (e.g. reporting, green finance figures).
	 */
	public java.util.Set<Long> greenListedEnterpriseIds() {
		return greenLibrary.listedEnterpriseIds();
	}
}
