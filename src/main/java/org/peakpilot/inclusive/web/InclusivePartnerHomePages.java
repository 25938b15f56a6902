package org.peakpilot.inclusive.web;

import org.peakpilot.inclusive.internal.Partners;
import org.peakpilot.inclusive.internal.TripRecords;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A partner's start page (碳普惠合作方, {@code /inclusive/partner}, where a PARTNER user lands after sign-in): who it
 * acts for, how it sends trips (the API, its signature and where the API token is made), its latest trips and the
 * partner pages of its kind (events, tourism certification, mall).
 */
@Controller
class InclusivePartnerHomePages {

	/** Trips shown on the start page (the API lists more). */
	static final int RECENT_TRIPS = 20;

	private final Partners partners;
	private final TripRecords trips;

	InclusivePartnerHomePages(Partners partners, TripRecords trips) {
		this.partners = partners;
		this.trips = trips;
	}

	@GetMapping("/inclusive/partner")
	String home(Model model) {
		long partnerId = partners.ofCurrentUser()
			.orElseThrow(() -> new NotFoundException("active partner of " + AccessScope.current().actor()));
		Partners.Partner partner = partners.get(partnerId);
		model.addAttribute("partner", partner);
		model.addAttribute("trips", trips.ofPartner(partnerId, null, null, null, null, RECENT_TRIPS));
		return "inclusive/partner/home";
	}
}
