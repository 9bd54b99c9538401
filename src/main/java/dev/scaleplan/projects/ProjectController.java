package dev.scaleplan.projects;

import java.net.URI;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(ApiPaths.V1 + "/projects")
@Tag(name = "Projects", description = "A project holds the runs of one family of experiments; fits and plans belong to it")
class ProjectController {

    private final ProjectService service;

    ProjectController(ProjectService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(operationId = "createProject", summary = "Create a project",
            description = "Creates a project with a slug id. `flopsPerToken` (k in C = k·N·D, default 6) fills in the "
                    + "compute of runs uploaded without `flops` and is used by planning. `parameterCount` (total or "
                    + "non-embedding) and `flopsConvention` (6N, 6N+attention or given) declare how N and C are counted "
                    + "for every fit and plan (docs/conventions.md).")
    @ApiResponse(responseCode = "201", description = "Created; `Location` points at the project")
    @ApiResponse(responseCode = "400", description = "Invalid fields", useReturnTypeSchema = false)
    @ApiResponse(responseCode = "409", description = "A project with this id exists")
    ResponseEntity<Project> create(@Valid @RequestBody CreateProjectRequest request) {
        Project project = service.create(request);
        return ResponseEntity.created(URI.create(ApiPaths.V1 + "/projects/" + project.id())).body(project);
    }

    @GetMapping
    @Operation(operationId = "listProjects", summary = "List projects", description = "Projects in id order, one page at a time.")
    PageResponse<Project> list(
            @Parameter(description = "0-based page index", example = "0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 1000", example = "50") @RequestParam(defaultValue = "50") int size) {
        return service.list(new PageRequest(page, size));
    }

    @GetMapping("/{projectId}")
    @Operation(operationId = "getProject", summary = "Get a project")
    @ApiResponse(responseCode = "200", description = "The project")
    @ApiResponse(responseCode = "404", description = "No such project")
    Project get(@PathVariable String projectId) {
        return service.get(projectId);
    }

    @PatchMapping("/{projectId}")
    @Operation(operationId = "updateProject", summary = "Change a project",
            description = "Changes the name, description, `flopsPerToken` or counting conventions; absent fields stay. "
                    + "Changing `flopsPerToken` or `flopsConvention` bumps the data revision (existing fits become stale), "
                    + "because fits and plans depend on them. `parameterCount` changes only while the project has no "
                    + "fits (409 otherwise).")
    @ApiResponse(responseCode = "200", description = "The changed project")
    @ApiResponse(responseCode = "409", description = "`parameterCount` changed while the project has fits")
    @ApiResponse(responseCode = "404", description = "No such project")
    Project update(@PathVariable String projectId,
                   @Valid @RequestBody UpdateProjectRequest request) {
        return service.update(projectId, request);
    }

    @DeleteMapping("/{projectId}")
    @Operation(operationId = "deleteProject", summary = "Delete a project", description = "Deletes the project with all its runs, fits and plans.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such project")
    ResponseEntity<Void> delete(@PathVariable String projectId) {
        service.delete(projectId);
        return ResponseEntity.noContent().build();
    }
}
