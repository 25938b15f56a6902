package org.peakpilot.inclusive.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.peakpilot.inclusive.internal.TourismCertification;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.EvidenceDocument;
import org.peakpilot.registry.Registry;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tourism certification's pages: a partner's application page ({@code /inclusive/partner/certification}: the
 * criteria for its kind, its applications, a draft's evidence and submission), the office's review queue and review
 * form ({@code /inclusive/office/certifications}), and the public list of the certified
 * ({@code /public/inclusive/certified}).
 */
@Controller
class TourismCertificationPages {

	static final String PARTNER = "/inclusive/partner/certification";
	static final String OFFICE = "/inclusive/office/certifications";

	private final TourismCertification certification;
	private final Registry registry;

	TourismCertificationPages(TourismCertification certification, Registry registry) {
		this.certification = certification;
		this.registry = registry;
	}

	/** The application form: a statement per criterion code ({@code statements[TC1]}). */
	static class TourismStatementsForm {
		private Map<String, String> statements = new LinkedHashMap<>();

		public Map<String, String> getStatements() {
			return statements;
		}

		public void setStatements(Map<String, String> statements) {
			this.statements = statements;
		}
	}

	/** The review form: per criterion code {@code met[TC1]} ("true"/"false") and {@code reason[TC1]}, and a comment. */
	static class TourismReviewForm {
		private Map<String, String> met = new LinkedHashMap<>();
		private Map<String, String> reason = new LinkedHashMap<>();
		private String comment;

		public Map<String, String> getMet() {
			return met;
		}

		public void setMet(Map<String, String> met) {
			this.met = met;
		}

		public Map<String, String> getReason() {
			return reason;
		}

		public void setReason(Map<String, String> reason) {
			this.reason = reason;
		}

		public String getComment() {
			return comment;
		}

		public void setComment(String comment) {
			this.comment = comment;
		}
	}

	// ------------------------------------------------------------ the applicant

	@GetMapping(PARTNER)
	String partner(Model model) {
		TourismCertification.Kind kind = certification.callerKind();
		model.addAttribute("kind", kind);
		model.addAttribute("criteria", certification.criteria(kind));
		List<TourismCertification.Application> applications = certification.applications();
		model.addAttribute("applications", applications);
		model.addAttribute("open", applications.stream().anyMatch(a -> a.status() != TourismCertification.Status.REJECTED));
		common(model);
		return "inclusive/tourism/partner";
	}

	@PostMapping(PARTNER)
	@BackTo(PARTNER + "#new-application")
	String apply(@ModelAttribute TourismStatementsForm form) {
		certification.apply(form.getStatements());
		return "redirect:" + PARTNER;
	}

	@PostMapping(PARTNER + "/{id}/evidence")
	@BackTo(PARTNER + "#application-{id}")
	String evidence(@PathVariable long id, @RequestParam(required = false) String criterion,
			@RequestParam(required = false) MultipartFile file) throws IOException {
		byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
		certification.addEvidence(id, criterion, file == null ? null : file.getOriginalFilename(), bytes);
		return "redirect:" + PARTNER + "#application-" + id;
	}

	@PostMapping(PARTNER + "/{id}/submit")
	@BackTo(PARTNER + "#application-{id}")
	String submit(@PathVariable long id) {
		certification.submit(id);
		return "redirect:" + PARTNER + "#application-" + id;
	}

	@GetMapping(PARTNER + "/{id}/evidence/{evidenceId}")
	ResponseEntity<byte[]> partnerEvidence(@PathVariable long id, @PathVariable long evidenceId) {
		return file(certification.evidenceContent(id, evidenceId), evidenceId);
	}

	// ------------------------------------------------------------ the office

	@GetMapping(OFFICE)
	String office(Model model) {
		model.addAttribute("applications", certification.applications());
		model.addAttribute("criteria", certification.criteria());
		common(model);
		return "inclusive/tourism/office";
	}

	@GetMapping(OFFICE + "/{id}")
	String application(@PathVariable long id, Model model) {
		model.addAttribute("a", certification.application(id));
		model.addAttribute("criteria", certification.criteria().criteria().stream()
			.collect(Collectors.toMap(TourismCertification.Criterion::code, c -> c)));
		common(model);
		return "inclusive/tourism/review";
	}

	@PostMapping(OFFICE + "/{id}/review")
	@BackTo(OFFICE + "/{id}#review")
	String review(@PathVariable long id, @ModelAttribute TourismReviewForm form) {
		TourismCertification.Application a = certification.application(id);
		List<TourismCertification.Verdict> verdicts = new ArrayList<>();
		for (TourismCertification.Claim c : a.claims()) {
			String met = form.getMet().get(c.criterion());
			verdicts.add(new TourismCertification.Verdict(c.criterion(), met == null || met.isBlank() ? null : Boolean.valueOf(met),
					form.getReason().get(c.criterion())));
		}
		certification.review(id, verdicts, form.getComment());
		return "redirect:" + OFFICE + "/" + id;
	}

	@GetMapping(OFFICE + "/{id}/evidence/{evidenceId}")
	ResponseEntity<byte[]> officeEvidence(@PathVariable long id, @PathVariable long evidenceId) {
		return file(certification.evidenceContent(id, evidenceId), evidenceId);
	}

	// ------------------------------------------------------------ the public

	@GetMapping("/public/inclusive/certified")
	String certified(Model model) {
		model.addAttribute("rows", certification.certified());
		model.addAttribute("criteria", certification.criteria());
		common(model);
		return "inclusive/tourism/certified";
	}

	private void common(Model model) {
		model.addAttribute("version", certification.criteria().version());
		model.addAttribute("countyNames", registry.counties().stream().collect(Collectors.toMap(c -> c.code(), c -> c.nameZh(), (a, b) -> a)));
	}

	private static ResponseEntity<byte[]> file(EvidenceDocument doc, long id) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(doc.defaultName("evidence-" + id)).build().toString())
			.contentType(MediaType.parseMediaType(doc.contentType())).body(doc.bytes());
	}
}
