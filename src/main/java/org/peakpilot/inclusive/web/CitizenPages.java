package org.peakpilot.inclusive.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.AccountLinks;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Badges;
import org.peakpilot.inclusive.internal.CertificatePdf;
import org.peakpilot.inclusive.internal.Certificates;
import org.peakpilot.inclusive.internal.CitizenActivity;
import org.peakpilot.inclusive.internal.Citizens;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.Mall;
import org.peakpilot.inclusive.internal.Rankings;
import org.peakpilot.inclusive.internal.ZeroCarbonEvents;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The citizen's own mobile pages (H5) under {@code /inclusive}: home (points, engagement points apart, this month's
 * gCO2, rank if opted in, recent trips with their methodology), badges and frames, certificates, the points mall,
 * and its settings (consents, account links for partners, ranking). Every page finds its citizen through
 * {@link Citizens#current()}: a citizen sees only itself, and another citizen's ids are not found.
 */
@Controller
class CitizenPages {

	private final Citizens citizens;
	private final CitizenActivity activity;
	private final Ledger ledger;
	private final Rankings rankings;
	private final Badges badges;
	private final Certificates certificates;
	private final CertificatePdf pdf;
	private final Mall mall;
	private final AccountLinks links;
	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final Clock clock;
	private final ZeroCarbonEvents events;

	CitizenPages(ZeroCarbonEvents events, Citizens citizens, CitizenActivity activity, Ledger ledger, Rankings rankings, Badges badges,
			Certificates certificates, CertificatePdf pdf, Mall mall, AccountLinks links, JdbcClient jdbc, MessageSource messages,
			Clock clock) {
		this.citizens = citizens;
		this.activity = activity;
		this.ledger = ledger;
		this.rankings = rankings;
		this.badges = badges;
		this.certificates = certificates;
		this.pdf = pdf;
		this.mall = mall;
		this.links = links;
		this.jdbc = jdbc;
		this.messages = messages;
		this.clock = clock;
		this.events = events;
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(PageTime.BEIJING));
	}

	private Citizens.Citizen common(Model model, String tab) {
		Citizens.Citizen me = citizens.current();
		model.addAttribute("citizen", me);
		model.addAttribute("tab", tab);
		model.addAttribute("frame", me.avatarFrame() == null ? null : badges.definition(me.avatarFrame()).orElse(null));
		return me;
	}

	@GetMapping("/inclusive")
	String home(Model model) {
		Citizens.Citizen me = common(model, "home");
		YearMonth month = YearMonth.from(today());
		model.addAttribute("points", ledger.balance(AccountKind.CITIZEN, String.valueOf(me.id()), Asset.POINT));
		model.addAttribute("engagement", ledger.balance(AccountKind.CITIZEN, String.valueOf(me.id()), Asset.ENGAGEMENT));
		model.addAttribute("month", month);
		model.addAttribute("monthFigures", activity.month(me.id(), month));
		model.addAttribute("recent", activity.recent(me.id(), 10));
		model.addAttribute("place", me.rankOptIn() ? rankings.place(me.id(), month).orElse(null) : null);
		model.addAttribute("won", badges.won(me.id()).stream().limit(6).toList());
		return "inclusive/citizen/home";
	}

	@GetMapping("/inclusive/badges")
	String badges(Model model) {
		Citizens.Citizen me = common(model, "badges");
		badges.evaluate(me.id(), today());
		var won = badges.won(me.id());
		model.addAttribute("won", won);
		model.addAttribute("wonCodes", won.stream().map(w -> w.badge().code()).collect(java.util.stream.Collectors.toSet()));
		model.addAttribute("all", badges.definitions());
		return "inclusive/citizen/badges";
	}

	@PostMapping("/inclusive/frame")
	@BackTo("/inclusive/badges")
	String frame(@RequestParam(required = false) String code) {
		Citizens.Citizen me = citizens.current();
		citizens.setAvatarFrame(me.id(), code == null || code.isBlank() ? null : code);
		return "redirect:/inclusive/badges";
	}

	@GetMapping("/inclusive/ranking")
	String ranking(Model model) {
		Citizens.Citizen me = common(model, "home");
		YearMonth month = YearMonth.from(today());
		model.addAttribute("month", month);
		model.addAttribute("place", me.rankOptIn() ? rankings.place(me.id(), month).orElse(null) : null);
		model.addAttribute("top", me.rankOptIn() ? rankings.top(month, 20, me.id()) : java.util.List.of());
		return "inclusive/citizen/ranking";
	}

	@GetMapping("/inclusive/certificates")
	String certificates(Model model) {
		Citizens.Citizen me = common(model, "certificates");
		LocalDate today = today();
		model.addAttribute("certificates", certificates.mine(me.id()));
		model.addAttribute("periods", java.util.List.of(YearMonth.from(today).minusMonths(1).toString(), YearMonth.from(today).toString(),
				String.valueOf(today.getYear())));
		return "inclusive/citizen/certificates";
	}

	@PostMapping("/inclusive/certificates")
	@BackTo(value = "/inclusive/certificates", rule = "period")
	String issue(@RequestParam(required = false) String period) {
		Citizens.Citizen me = citizens.current();
		Certificates.Certificate c = certificates.issue(me.id(), me.publicName(), period);
		return "redirect:/inclusive/certificates/" + c.serial();
	}

	@GetMapping("/inclusive/certificates/{serial}")
	String certificate(@PathVariable String serial, Model model, HttpServletRequest request) {
		Citizens.Citizen me = common(model, "certificates");
		Certificates.Certificate c = certificates.mine(me.id(), serial);
		String url = verifyUrl(c.serial());
		model.addAttribute("certificate", c);
		model.addAttribute("verifyUrl", url);
		model.addAttribute("qr", CertificatePdf.qrDataUri(url));
		return "inclusive/citizen/certificate";
	}

	@GetMapping("/inclusive/certificates/{serial}.pdf")
	ResponseEntity<byte[]> certificatePdf(@PathVariable String serial, Locale locale) {
		Citizens.Citizen me = citizens.current();
		Certificates.Certificate c = certificates.mine(me.id(), serial);
		byte[] bytes = pdf.render(c, verifyUrl(c.serial()), messages.getMessage("inclusive.title", null, Locale.SIMPLIFIED_CHINESE)
				+ " · " + messages.getMessage("inclusive.title", null, Locale.ENGLISH));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("低碳环保证书-" + c.serial() + ".pdf", StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.APPLICATION_PDF).body(bytes);
	}

	static String verifyUrl(String serial) {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/public/inclusive/certificates/{s}").buildAndExpand(serial)
			.toUriString();
	}

	@GetMapping("/inclusive/mall")
	String mall(Model model) {
		Citizens.Citizen me = common(model, "mall");
		model.addAttribute("points", ledger.balance(AccountKind.CITIZEN, String.valueOf(me.id()), Asset.POINT));
		model.addAttribute("items", mall.offered());
		var redemptions = mall.redemptions(me.id());
		model.addAttribute("redemptions", redemptions);
		model.addAttribute("redeemedCounts", redemptions.stream()
			.collect(java.util.stream.Collectors.groupingBy(Mall.Redemption::itemId, java.util.stream.Collectors.counting())));
		model.addAttribute("events", events.openForDonation());
		return "inclusive/citizen/mall";
	}

	@PostMapping("/inclusive/donate/{eventId}")
	@BackTo(value = "/inclusive/mall#donate", rule = "donate")
	String donate(@PathVariable long eventId, @RequestParam(required = false) Long points, RedirectAttributes flash) {
		Citizens.Citizen me = citizens.current();
		if (points == null) {
			throw new InvalidInputException("points", "must lie between 1 and " + ZeroCarbonEvents.POINTS_MAX);
		}
		flash.addFlashAttribute("donated", events.donatePoints(me.id(), eventId, points));
		return "redirect:/inclusive/mall#donate";
	}

	@PostMapping("/inclusive/mall/{id}/redeem")
	@BackTo(value = "/inclusive/mall", rule = "redeem")
	String redeem(@PathVariable long id, RedirectAttributes flash) {
		Citizens.Citizen me = citizens.current();
		Mall.Redemption r = mall.redeem(me.id(), id);
		flash.addFlashAttribute("redeemed", r);
		return "redirect:/inclusive/mall";
	}

	@GetMapping("/inclusive/settings")
	String settings(Model model) {
		Citizens.Citizen me = common(model, "settings");
		model.addAttribute("consents", links.consentsOf(me.id()));
		model.addAttribute("links", links.links(me.id()));
		model.addAttribute("partners", jdbc.sql("SELECT id, name FROM inclusive_partner WHERE active AND kind IN ('TRANSIT','BIKE_SHARE','SCENIC_AREA') ORDER BY name LIMIT 200")
			.query((rs, n) -> new PartnerOption(rs.getLong(1), rs.getString(2))).list());
		return "inclusive/citizen/settings";
	}

	/** A partner the citizen may link its account to. */
	record PartnerOption(long id, String name) {
	}

	@PostMapping("/inclusive/links")
	@BackTo(value = "/inclusive/settings", rule = "partnerId")
	String grant(@RequestParam(required = false) Long partnerId, RedirectAttributes flash) {
		Citizens.Citizen me = citizens.current();
		if (partnerId == null) {
			throw new InvalidInputException("partnerId", "choose a partner");
		}
		flash.addFlashAttribute("newToken", links.grant(me.id(), partnerId));
		return "redirect:/inclusive/settings#links";
	}

	@PostMapping("/inclusive/links/{id}/revoke")
	@BackTo("/inclusive/settings")
	String revokeLink(@PathVariable long id) {
		links.revokeLink(citizens.current().id(), id);
		return "redirect:/inclusive/settings#links";
	}

	@PostMapping("/inclusive/consents/{id}/revoke")
	@BackTo("/inclusive/settings")
	String revokeConsent(@PathVariable long id) {
		links.revokeConsent(citizens.current().id(), id);
		return "redirect:/inclusive/settings#consents";
	}

	@PostMapping("/inclusive/ranking")
	@BackTo("/inclusive/settings")
	String optIn(@RequestParam(defaultValue = "false") boolean optIn) {
		Citizens.Citizen me = citizens.current();
		citizens.setRankOptIn(me.id(), optIn);
		return "redirect:/inclusive/settings#ranking";
	}
}
