// A code-forge and cluster API on Go's net/http, routed by the standard ServeMux's
// method-and-wildcard patterns (Go 1.22+) the way a Go developer writes it today, with the
// path conventions of GitHub's REST API, the Kubernetes API, GitLab's and the container
// registry's: a server of the second real stack (truth.tsv, server "forge").
//
//	go run forge_server.go PORT [HOST]
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

var routes = []string{
	"GET /repos/{owner}/{repo}",
	"GET /repos/{owner}/{repo}/issues/{issue_number}",
	"GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
	"PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
	"GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}",
	"PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge",
	"GET /repos/{owner}/{repo}/commits/{ref}",
	"GET /repos/{owner}/{repo}/branches/{branch}",
	"GET /repos/{owner}/{repo}/releases/tags/{tag}",
	"GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
	"GET /users/{username}",
	"GET /users/{username}/repos",
	"GET /orgs/{org}/teams/{team_slug}/members",
	"DELETE /orgs/{org}/members/{username}",
	"GET /gists/{gist_id}",
	"GET /api/v1/namespaces/{namespace}/pods/{name}",
	"GET /api/v1/namespaces/{namespace}/pods/{name}/log",
	"GET /api/v1/namespaces/{namespace}/services/{name}",
	"GET /apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale",
	"GET /apis/batch/v1/namespaces/{namespace}/cronjobs",
	"DELETE /apis/networking.k8s.io/v1/namespaces/{namespace}/ingresses/{name}",
	"GET /api/v1/nodes/{name}",
	"GET /api/v4/projects/{id}/merge_requests/{merge_request_iid}",
	"GET /api/v4/groups/{id}/epics/{epic_iid}",
	"GET /v2/{name}/manifests/{reference}",
}

// wildcards lists the {names} of a pattern, in order.
func wildcards(pattern string) []string {
	var names []string
	for _, seg := range strings.Split(pattern, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

func handler(names []string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		found := map[string]string{}
		for _, n := range names {
			found[n] = r.PathValue(n)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"found": found, "ok": true})
	}
}

func main() {
	mux := http.NewServeMux()
	for _, p := range routes {
		mux.HandleFunc(p, handler(wildcards(p)))
	}
	host := "127.0.0.1"
	if len(os.Args) > 2 {
		host = os.Args[2]
	}
	srv := &http.Server{Addr: host + ":" + os.Args[1], Handler: mux}
	go func() {
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
		<-stop
		_ = srv.Shutdown(context.Background())
	}()
	log.Println("listening")
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
