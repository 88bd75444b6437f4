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
    public UserView get(@PathParam("username") String username) {
        if (!currentUser.get().username().equals(username)) {
            currentUser.require(Permission.USER_READ);
        }
        return users.find(username).map(UserView::of)
                .orElseThrow(() -> ProblemException.notFound("problem.user.unknown", username));
    }

    @PATCH
    @Path("{username}")
    public UserView change(@PathParam("username") String username, UserDirectory.UserChange body) {
        currentUser.require(Permission.USER_CHANGE);
        if (body == null) {
            throw ProblemException.badRequest("problem.body.required");
        }
        return UserView.of(directory.change(currentUser.actor(), username, body));
    }
}
