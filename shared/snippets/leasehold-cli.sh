# Lease AWS credentials with the leasehold CLI (one file, Node.js 20+: see Leasehold's README).
# It logs in with this machine's own AWS credentials: instance profile, task or Lambda role, env vars.
# leasehold:any-region:begin
leasehold login aws --url {{serverUrl}} --identity-id {{identityId}}
# leasehold:any-region:end
# leasehold:fixed-endpoint:begin
leasehold login aws --url {{serverUrl}} --identity-id {{identityId}} --sts-endpoint {{stsEndpoint}}
# leasehold:fixed-endpoint:end

# Lease keys into this shell (AWS_SESSION_TOKEN too, for temporary credentials):
eval "$(leasehold lease create --secret {{secretName}} --project {{projectSlug}} --env {{environmentSlug}} --format env)"
echo "Leased access key $AWS_ACCESS_KEY_ID"
