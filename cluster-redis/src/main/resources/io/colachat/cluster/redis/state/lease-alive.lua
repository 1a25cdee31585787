-- The registered nodes whose lease is live.
-- KEYS[1] the registry; ARGV[1] key prefix
local alive = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    if redis.call('EXISTS', ARGV[1] .. 'lease:' .. id) == 1 then
        alive[#alive + 1] = id
    end
end
return alive
