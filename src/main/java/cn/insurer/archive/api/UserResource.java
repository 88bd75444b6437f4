package cn.insurer.archive.api;

import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.access.UserDirectory;
import cn.insurer.archive.access.UserRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "administration")
@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    UserDirectory directory;

    @Inject
    UserRepository users;

    public record UserView(String username, String displayName, Set<Role> roles, SecurityLevel clearance,
                           String department, String email, boolean enabled, Instant createdAt, Instant updatedAt) {

        static UserView of(User user) {
            return new UserView(user.username(), user.displayName(), new TreeSet<>(user.roles()), user.clearance(),
                    user.department(), user.email(), user.enabled(), user.createdAt(), user.updatedAt());
        }
    }

    @POST
    @Operation(operationId = "createUser", summary = "新建用户 · Create a user",
            description = "新建本地用户（不返回密码）；用户名已存在时 409。需要 ADMIN。\n\n" + "Creates a local user (no password back); 409 when the username exists. Needs ADMIN.")
    @APIResponse(responseCode = "201", description = "已创建 · Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "409", description = "用户名已存在 · The username exists")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
    public Response create(UserDirectory.NewUser body) {
        currentUser.require(Permission.USER_CREATE);
        if (body == null) {
            throw ProblemException.badRequest("problem.body.required");
        }
        User user = directory.create(currentUser.actor(), body);
        return Response.created(UriBuilder.fromResource(UserResource.class).path(user.username()).build())
                .entity(UserView.of(user)).build();
    }

    @GET
    @Path("{username}")
    @Transactional
    @Operation(operationId = "readUser", summary = "查看用户 · Read a user",
            description = "需要 ADMIN。\n\n" + "Needs ADMIN.")
    @APIResponse(responseCode = "200", description = "用户 · The user")
    public UserView get(@Parameter(description = "用户名 · Username") @PathParam("username") String username) {
        if (!currentUser.get().username().equals(username)) {
            currentUser.require(Permission.USER_READ);
        }
        return users.find(username).map(UserView::of)
                .orElseThrow(() -> ProblemException.notFound("problem.user.unknown", username));
    }

    @PATCH
    @Path("{username}")
    @Operation(operationId = "changeUser", summary = "修改用户 · Change a user",
            description = "修改角色、密级、部门或启用状态；任何人不能改自己的角色或密级（403）。需要 ADMIN。\n\n" + "Changes roles, clearance, department or enabled; nobody changes their own roles or clearance (403). Needs ADMIN.")
    @APIResponse(responseCode = "200", description = "用户 · The user")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
    public UserView change(@Parameter(description = "用户名 · Username") @PathParam("username") String username, UserDirectory.UserChange body) {
        currentUser.require(Permission.USER_CHANGE);
        if (body == null) {
            throw ProblemException.badRequest("problem.body.required");
        }
        return UserView.of(directory.change(currentUser.actor(), username, body));
    }
}
