package org.peakpilot.admission;

import java.util.List;
import java.util.Optional;

import org.peakpilot.admission.internal.AdmissionWorkflow;
import org.peakpilot.admission.internal.Assessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Project carbon admission (项目碳评、准入): what other modules may ask of the admission module. */
@Component
public class ProjectAdmission {

	private final Assessor assessor;
	private final AdmissionWorkflow workflow;

	@Autowired
	ProjectAdmission(Assessor assessor, AdmissionWorkflow workflow) {
		this.assessor = assessor;
		this.workflow = workflow;
	}

	/**
	 * The assessment and verdict of a project, storing nothing (the stateless preview for applicants and consultants):
	 * the same figures a filing of the same body gets under the same rules version.
	 *
	 * @throws org.peakpilot.platform.InvalidInputException naming every body path that is wrong
	 */
	public Assessment preview(ProjectInput input) {
		return assessor.assess(input);
	}

	/**
	 * An admitted project by id, read through the caller's scope; empty when there is none, it was not admitted (or was
	 * and lapsed) or the caller may not see it. Admitted means ADMITTED, COMMISSIONED or RE_REVIEW_DUE.
	 */
	public Optional<AdmittedProject> admittedProject(long id) {
		return workflow.admitted(id);
	}

	/** The admitted projects the caller may see, newest decision first. */
	public List<AdmittedProject> admittedProjects() {
		return workflow.admitted();
	}
}
