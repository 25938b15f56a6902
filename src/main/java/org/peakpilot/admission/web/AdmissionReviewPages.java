package org.peakpilot.admission.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.peakpilot.admission.internal.AdmissionRecords;
import org.peakpilot.admission.internal.AdmissionRecords.Project;
import org.peakpilot.admission.internal.AdmissionWorkflow;
import org.peakpilot.admission.internal.ProjectStatus;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.PageFormat;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The filed projects: the list (an enterprise user's own applications, a county officer's county with what waits for
 * its review, the office's queue), the project page (status, assessment with the effect on the county's budget and the
 * city's path, history, comments, the actions of the reader's role), saving the application form (file, change) and the
 * workflow's steps. Scope and roles are the workflow's ({@link AdmissionWorkflow}): a project outside the reader's
 * scope is not found.
 */
@Controller
class AdmissionReviewPages {

	private final AdmissionWorkflow workflow;
	private final AdmissionFormSupport support;
	private final Registry registry;
	private final Clock clock;

	AdmissionReviewPages(AdmissionWorkflow workflow, AdmissionFormSupport support, Registry registry, Clock clock) {
		this.workflow = workflow;
		this.support = support;
		this.registry = registry;
		this.clock = clock;
	}

	@InitBinder("form")
	void binder(WebDataBinder binder) {
		AdmissionFormSupport.initBinder(binder);
	}

	/** A posted row index beyond the bound cannot bind: the 400 page, never a 500. */
	@org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
	void rowBeyondBound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		response.sendError(org.springframework.http.HttpStatus.BAD_REQUEST.value());
	}

	// ---------------------------------------------------------------- list

	@GetMapping("/admission")
	String list(@RequestParam(required = false) ProjectStatus status, Model model) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER);
		String view = scope.isCityWide() ? "office" : scope.hasRole(Role.COUNTY_OFFICER) ? "county" : scope.hasRole(Role.PARK_MANAGER) ? "park" : "mine";
		List<AdmissionRecords.Listing> all = workflow.projects(AdmissionRecords.Query.ALL);
		Map<String, Long> counts = new LinkedHashMap<>();
		for (ProjectStatus s : ProjectStatus.values()) {
			long n = all.stream().filter(p -> p.status() == s).count();
			if (n > 0) {
				counts.put(s.name(), n);
			}
		}
		model.addAttribute("view", view);
		model.addAttribute("projects", status == null ? all : all.stream().filter(p -> p.status() == status).toList());
		model.addAttribute("status", status == null ? null : status.name());
		model.addAttribute("statuses", Arrays.stream(ProjectStatus.values()).map(Enum::name).toList());
		model.addAttribute("counts", counts);
		model.addAttribute("waiting", waiting(scope));
		model.addAttribute("canFile", scope.isCityWide() || scope.hasRole(Role.ENTERPRISE_USER));
		return "admission/list";
	}

	/** What waits for the reader's step: the county's review, the city's decision, the applicant's correction. */
	static Set<String> waiting(AccessScope scope) {
		if (scope.isCityWide()) {
			return Set.of("CITY_REVIEW", "ROUTED_UP");
		}
		if (scope.hasRole(Role.COUNTY_OFFICER)) {
			return Set.of("SUBMITTED");
		}
		if (scope.hasRole(Role.ENTERPRISE_USER)) {
			return Set.of("DRAFT", "RETURNED");
		}
		return Set.of();
	}

	/** The /work page's line: how many projects wait for the reader's step, linked to the list. */
	@GetMapping("/admission/work-summary")
	String workSummary(Model model) {
		AccessScope scope = AccessScope.current();
		Set<String> waiting = waiting(scope);
		long count = !scope.hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER) ? 0
				: workflow.projects(AdmissionRecords.Query.ALL).stream().filter(p -> waiting.contains(p.status().name())).count();
		model.addAttribute("waitingCount", count);
		return "admission/fragments :: work-summary";
	}

	// ---------------------------------------------------------------- project page

	@GetMapping("/admission/{id}")
	String project(@PathVariable long id, Model model) {
		Project p = workflow.project(id);
		AccessScope scope = AccessScope.current();
		boolean office = scope.isCityWide();
		boolean applicant = office || scope.hasRole(Role.ENTERPRISE_USER);
		ProjectStatus s = p.status();
		List<String> actions = new ArrayList<>();
		if (applicant && ProjectStatus.EDITABLE.contains(s)) {
			actions.add("submit");
		}
		if (scope.hasRole(Role.COUNTY_OFFICER) && s == ProjectStatus.SUBMITTED) {
			actions.add("county");
		}
		if (office && s == ProjectStatus.CITY_REVIEW) {
			actions.add("city");
		}
		if (office && s == ProjectStatus.ROUTED_UP) {
			actions.add("higher");
		}
		if (applicant && s == ProjectStatus.ADMITTED && p.constructionStartedOn() == null) {
			actions.add("start");
		}
		if (office && s == ProjectStatus.ADMITTED && p.constructionStartedOn() != null && p.commissionedOn() == null) {
			actions.add("commission");
			model.addAttribute("enterprises", registry.enterprises(RegistryModel.EnterpriseQuery.ALL));
		}
		model.addAttribute("project", p);
		model.addAttribute("actions", actions);
		model.addAttribute("office", office);
		model.addAttribute("admitted", ProjectStatus.ADMITTED_STATES.contains(s));
		model.addAttribute("canEdit", applicant && ProjectStatus.EDITABLE.contains(s));
		model.addAttribute("today", LocalDate.now(clock.withZone(PageFormat.BEIJING)).toString());
		model.addAttribute("suggestedConditions", p.assessment() == null ? ""
				: String.join("\n", p.assessment().conditions().stream().map(c -> c.textZh()).toList()));
		return "admission/project";
	}

	// ---------------------------------------------------------------- filing (the form saved)

	@PostMapping("/admission")
	String file(@ModelAttribute("form") AdmissionForm form, BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
		AdmissionFormSupport.requireApplicant();
		return save(null, form, binding, model, locale, redirect);
	}

	@GetMapping("/admission/{id}/edit")
	String edit(@PathVariable long id, Model model, Locale locale) {
		AdmissionFormSupport.requireApplicant();
		Project p = workflow.project(id);
		if (!ProjectStatus.EDITABLE.contains(p.status())) {
			throw new RuleViolationException("Project " + id + " is " + p.status() + " and cannot be changed");
		}
		AdmissionForm form = AdmissionForm.of(p.filing());
		support.model(model, form, null, locale);
		model.addAttribute("projectId", id);
		model.addAttribute("action", "/admission/" + id);
		model.addAttribute("assessment", p.assessment());
		return "admission/form";
	}

	@PostMapping("/admission/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") AdmissionForm form, BindingResult binding, Model model, Locale locale,
			RedirectAttributes redirect) {
		AdmissionFormSupport.requireApplicant();
		return save(id, form, binding, model, locale, redirect);
	}

	/**
	 * Files or changes the project; refused input comes back on the same form with everything typed and each error at
	 * its row and field (caught here, not by PageErrorAdvice: the form is rendered again on this response with its
	 * rows, which a redirect with flash attributes cannot carry).
	 */
	private String save(Long id, AdmissionForm form, BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
		support.pinApplicant(form);
		List<InputError> errors = new ArrayList<>(AdmissionFormSupport.bindingErrors(binding));
		AdmissionForm.Bound bound = form.toInput();
		errors.addAll(bound.errors());
		if (errors.isEmpty()) {
			try {
				Project saved = id == null ? workflow.file(bound.input()) : workflow.update(id, bound.input());
				return done(saved.id(), "saved", redirect);
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach(e -> errors.add(bound.onForm(e)));
			}
			catch (RuleViolationException ex) {
				errors.add(InputError.field("status", ex.getMessage()));
			}
		}
		support.model(model, form, errors, locale);
		model.addAttribute("projectId", id);
		model.addAttribute("action", id == null ? "/admission" : "/admission/" + id);
		return "admission/form";
	}

	// ---------------------------------------------------------------- workflow steps

	record CommentForm(String comment) {
	}

	@PostMapping("/admission/{id}/submit")
	@BackTo(value = "/admission/{id}#actions", rule = "status")
	String submit(@PathVariable long id, @ModelAttribute CommentForm form, RedirectAttributes redirect) {
		workflow.submit(id, form.comment());
		return done(id, "submit", redirect);
	}

	record CountyForm(AdmissionRecords.CountyAction action, String comment) {
	}

	@PostMapping("/admission/{id}/county-review")
	@BackTo(value = "/admission/{id}#actions", rule = "status")
	String countyReview(@PathVariable long id, @ModelAttribute CountyForm form, RedirectAttributes redirect) {
		workflow.countyReview(id, new AdmissionRecords.CountyReview(form.action(), form.comment()));
		return done(id, form.action() == null ? "county" : form.action().name(), redirect);
	}

	record CityForm(AdmissionRecords.CityAction action, String comment, String conditions) {

		/** One condition per line of the text, blank lines left out. */
		List<String> conditionList() {
			return conditions == null ? List.of() : conditions.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		}
	}

	@PostMapping("/admission/{id}/city-decision")
	@BackTo(value = "/admission/{id}#actions", rule = "status")
	String cityDecision(@PathVariable long id, @ModelAttribute CityForm form, RedirectAttributes redirect) {
		workflow.cityDecision(id, new AdmissionRecords.CityDecision(form.action(), form.comment(), form.conditionList()));
		return done(id, form.action() == null ? "city" : form.action().name(), redirect);
	}

	record HigherForm(AdmissionRecords.HigherAction outcome, @BindParam("document_ref") String documentRef, String comment) {
	}

	@PostMapping("/admission/{id}/higher-outcome")
	@BackTo(value = "/admission/{id}#actions", rule = "status")
	String higherOutcome(@PathVariable long id, @ModelAttribute HigherForm form, RedirectAttributes redirect) {
		workflow.higherOutcome(id, new AdmissionRecords.HigherOutcome(form.outcome(), form.documentRef(), form.comment()));
		return done(id, "higher", redirect);
	}

	record StartForm(@BindParam("started_on") LocalDate startedOn, String comment) {
	}

	@PostMapping("/admission/{id}/construction-start")
	@BackTo(value = "/admission/{id}#actions", rule = "status")
	String constructionStart(@PathVariable long id, @ModelAttribute StartForm form, RedirectAttributes redirect) {
		workflow.constructionStart(id, new AdmissionRecords.ConstructionStart(form.startedOn(), form.comment()));
		return done(id, "start", redirect);
	}

	record CommissionForm(@BindParam("enterprise_id") Long enterpriseId, @BindParam("commissioned_on") LocalDate commissionedOn, String comment) {
	}

	@PostMapping("/admission/{id}/commissioning")
	@BackTo(value = "/admission/{id}#actions", rule = "status")
	String commissioning(@PathVariable long id, @ModelAttribute CommissionForm form, RedirectAttributes redirect) {
		workflow.commissioning(id, new AdmissionRecords.Commissioning(form.enterpriseId(), form.commissionedOn(), form.comment()));
		return done(id, "commission", redirect);
	}

	@PostMapping("/admission/{id}/comments")
	@BackTo(value = "/admission/{id}#comments", rule = "comment")
	String comment(@PathVariable long id, @ModelAttribute CommentForm form, RedirectAttributes redirect) {
		workflow.comment(id, form.comment());
		return done(id, "comment", redirect);
	}

	private static String done(long id, String what, RedirectAttributes redirect) {
		redirect.addFlashAttribute("done", what);
		return "redirect:/admission/" + id;
	}
}
